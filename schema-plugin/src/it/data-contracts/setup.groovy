import io.github.eventcontracts.maven.ItGit
import io.github.eventcontracts.maven.ItRegistry

def git(String... args) { ItGit.git(basedir, args) }
def schemas = new File(basedir, 'schemas')
schemas.mkdirs()
def payment = '''{"type": "record", "name": "Payment", "namespace": "it.payments", "doc": "A card payment.",
 "fields": [
   {"name": "id", "type": "string", "doc": "Payment id."},
   {"name": "amount", "type": "double", "doc": "In euros."},
   {"name": "card", "type": "string", "doc": "The card number."}
 ]}
'''
def rules = '''{
  "domainRules": [
    {"name": "positiveAmount", "kind": "CONDITION", "mode": "WRITE", "type": "CEL",
     "expr": "message.amount > 0.0", "onFailure": "DLQ"}
  ]
}
'''
new File(schemas, 'payments.avsc').text = payment
new File(schemas, 'payments.ruleset.json').text = rules
new File(schemas, 'payments.metadata.json').text = '{"properties": {"owner": "payments", "major_version": "1"}}\n'
// a copy with a typo in its rule, for the validate run that must fail
def typo = new File(basedir, 'typo')
typo.mkdirs()
new File(typo, 'payments.avsc').text = payment
new File(typo, 'payments.ruleset.json').text = rules.replace('message.amount', 'message.amout')

git('init', '-q', '-b', 'main')
git('add', 'schemas')
git('commit', '-q', '-m', 'payments v1 with its rules')
// the working tree (the pull request): a stricter amount, card numbers masked, major version 2
new File(schemas, 'payments.ruleset.json').text = '''{
  "domainRules": [
    {"name": "positiveAmount", "kind": "CONDITION", "mode": "WRITE", "type": "CEL",
     "expr": "message.amount >= 1.0", "onFailure": "DLQ"},
    {"name": "maskCard", "kind": "TRANSFORM", "mode": "WRITE", "type": "CEL_FIELD", "tags": ["PII"],
     "expr": "name == 'card' ; 'XXXX-' + value.substring(12)"}
  ]
}
'''
new File(schemas, 'payments.metadata.json').text = '{"properties": {"owner": "payments", "major_version": "2"}}\n'
// and a breaking change (the id becomes a number), which major version 2 is allowed under compatibilityGroup
new File(schemas, 'payments.avsc').text = payment.replace('"name": "id", "type": "string"', '"name": "id", "type": "long"')

ItRegistry.startFor(basedir)
return true
