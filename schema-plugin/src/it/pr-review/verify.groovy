def log = new File(basedir, 'build.log').text
// 1. transitive: the comment is written, the break against v1 (only) is in it, and so is the lint error
def md = new File(basedir, 'target/schema-report/report.md').text
assert md.contains('❌ 1 of 2 subject(s) break compatibility.')
assert md.contains('❌ 1 contract error(s) must be fixed (see Lint).')
assert md.contains("| `schemas/refund.avsc` | `refund-value` | NEW | BACKWARD_TRANSITIVE | ❌ 1 lint error(s) |")
assert md =~ /field 'note' of the new schema has no default and is missing from the old schema/
assert md =~ /consumers on the new schema cannot read data written with git:[0-9a-f]+:schemas\/payment\.avsc/
assert md.contains('❌ `schemas/refund.avsc:3:')
assert log.contains('Incompatible contracts: schemas/payment.avsc (payment-value); 1 contract error(s) (lint or parse); see')
// the break is against the older of the two versions: the comparison names both, only one breaks
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/schema-report/report.json'))
assert json.subjects.find { it.subject == 'payment-value' }.versionsCompared == 2

// 2. plain BACKWARD compares with main's latest only: compatible, and the lint error still fails the job
def plain = new File(basedir, 'target/plain-review/report.md').text
assert plain.contains('All 2 subject(s) are compatible.')
assert plain.contains('❌ 1 contract error(s) must be fixed (see Lint).')
assert log.contains('; 1 contract error(s) (lint or parse); see')
return true
