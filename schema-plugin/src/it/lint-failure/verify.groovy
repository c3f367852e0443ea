def log = new File(basedir, 'build.log').text
// style rules warn: following their advice on a registered contract would change it
assert log.contains('[WARNING] schemas/no-namespace.avsc:1:20 AVRO_NAMESPACE /name record OrderCreated has no namespace')
assert log.contains('[WARNING] schemas/no-namespace.avsc:3:5 AVRO_FIELD_DOC /fields/0/name')
assert log =~ /\[WARNING\] schemas\/no-namespace\.avsc:4:\d+ AVRO_NULLABLE_UNION_NULL_FIRST/
// a property that makes the sent schema differ from the registered one fails the build
assert log =~ /\[ERROR\] schemas\/no-namespace\.avsc:3:\d+ AVRO_NO_JAVA_STRING_PROP/
assert log.contains('Validated 1 contract(s): 1 error(s), 3 warning(s)')
assert log.contains('Contract lint failed in schemas/no-namespace.avsc')
