import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log =~ ('COMPATIBLE\\s+' + java.util.regex.Pattern.quote('schemas/avro/money.avsc (it.common.Money, BACKWARD)'))
assert log =~ ('COMPATIBLE\\s+' + java.util.regex.Pattern.quote('schemas/avro/order-created.avsc (order-created-value, BACKWARD)')) // Money changed inside it
assert log =~ ('UNCHANGED\\s+' + java.util.regex.Pattern.quote('schemas/proto/orders.proto (order-events-value, BACKWARD)'))
assert log.contains('BUILD SUCCESS')
def report = new JsonSlurper().parse(new File(basedir, 'target/schema-report/report.json'))
def subjects = report.subjects*.subject
// referenced subjects come before the subjects that reference them
assert subjects.indexOf('it.common.Money') < subjects.indexOf('order-created-value')
assert subjects.indexOf('proto/common/address.proto') < subjects.indexOf('order-events-value')
def order = report.subjects.find { it.subject == 'order-created-value' }
assert order.references == [[name: 'it.common.Money', subject: 'it.common.Money', file: 'avro/money.avsc']]
def shipped = report.subjects.find { it.subject == 'order-events-value' }
assert shipped.references == [[name: 'proto/common/address.proto', subject: 'proto/common/address.proto', file: 'proto/common/address.proto']]
