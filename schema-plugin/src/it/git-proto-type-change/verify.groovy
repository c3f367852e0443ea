def log = new File(basedir, 'build.log').text
assert log.contains('Checking 1 subject(s) against git main (merge-base ')
assert log.contains("[ERROR] schemas/orders.proto:7:3 FIELD_SCALAR_KIND_CHANGED #/Order/3 field 'amount' changed from string to int64 (incompatible under BACKWARD)")
assert log.contains('Incompatible contracts: schemas/orders.proto (orders-value)')
