def registry = System.getProperties().remove('it.registry-mode.registry')
registry?.close()
def log = new File(basedir, 'build.log').text
assert log.contains('Checking 3 subject(s) against http://127.0.0.1:')
assert log.contains('INCOMPATIBLE schemas/orders.avsc (orders-value, BACKWARD)')
assert log =~ /\[ERROR\] schemas\/orders\.avsc:4:\d+ TYPE_MISMATCH \/fields\/1\/type /
// both verdicts: our engine's, and the registry's own /compatibility answer
assert log.contains("the registry says orders-value is incompatible: {errorType:'TYPE_MISMATCH'")
assert log =~ ('COMPATIBLE\\s+' + java.util.regex.Pattern.quote('schemas/shipments.proto (shipments-value, BACKWARD)'))
assert log =~ ('NEW\\s+' + java.util.regex.Pattern.quote('schemas/refunds.avsc (refunds-value, BACKWARD)'))
assert log.contains('Incompatible contracts: schemas/orders.avsc (orders-value)')
