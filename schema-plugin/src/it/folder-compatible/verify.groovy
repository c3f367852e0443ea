def log = new File(basedir, 'build.log').text
assert log =~ ('COMPATIBLE\\s+' + java.util.regex.Pattern.quote('schemas/order-created.avsc (order-created-value, BACKWARD)'))
assert log =~ ('NEW\\s+' + java.util.regex.Pattern.quote('schemas/refund.avsc (refund-value, BACKWARD)'))
assert log.contains('All 2 subject(s) are compatible with folder')
assert log.contains('BUILD SUCCESS')
