def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] schemas\/order-created\.avsc:5:4 READER_FIELD_MISSING_DEFAULT_VALUE \/fields\/2 field 'region'/
assert log.contains('Incompatible contracts: schemas/order-created.avsc (order-created-value)')
assert !log.contains('Exception in thread')
assert log.contains('BUILD FAILURE')
