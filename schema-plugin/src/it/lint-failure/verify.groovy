def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] schemas/no-namespace.avsc:1:20 AVRO_NAMESPACE /name record OrderCreated has no namespace')
assert log.contains('[WARNING] schemas/no-namespace.avsc:3:5 AVRO_FIELD_DOC /fields/0/name')
assert log =~ /\[ERROR\] schemas\/no-namespace\.avsc:4:\d+ AVRO_NULLABLE_UNION_NULL_FIRST/
assert log.contains('Validated 1 contract(s): 2 error(s), 1 warning(s)')
assert log.contains('Contract lint failed in schemas/no-namespace.avsc')
