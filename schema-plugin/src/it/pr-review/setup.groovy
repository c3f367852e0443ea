import io.github.eventcontracts.maven.ItGit
// main's history: v1 of payment.avsc, then v2 adding a field with a default; the working tree (the
// pull request) drops that default and adds refund.avsc with a lint error (avro.java.string).
def git(String... args) { ItGit.git(basedir, args) }
def payment = new File(basedir, 'schemas/payment.avsc')
payment.parentFile.mkdirs() // git keeps no empty folder: a clean clone has none
def v1 = '{"type": "record", "name": "PaymentCaptured", "namespace": "it.payments", "doc": "A payment.",\n' +
    ' "fields": [\n   {"name": "id", "type": "string", "doc": "Payment id."}\n ]}\n'
payment.text = v1
git('init', '-q', '-b', 'main')
git('add', '.')
git('commit', '-q', '-m', 'v1')
def v2 = v1.replace('"doc": "Payment id."}', '"doc": "Payment id."},\n   {"name": "note", "type": "string", "default": "", "doc": "A note."}')
payment.text = v2
git('commit', '-q', '-am', 'v2: a note, with a default')
payment.text = v2.replace('"default": "", ', '')
new File(basedir, 'schemas/refund.avsc').text = '{"type": "record", "name": "RefundIssued", "namespace": "it.payments",\n' +
    ' "doc": "A refund.", "fields": [\n   {"name": "reason", "type": {"type": "string", "avro.java.string": "String"}, "doc": "Why."}\n ]}\n'
return true
