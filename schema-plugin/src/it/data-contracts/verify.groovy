import io.github.eventcontracts.registry.client.RegistryClient

def registry = System.getProperties().remove("it.data-contracts.registry")
try {
  def log = new File(basedir, 'build.log').text
  // 1. the typo, at its line, naming the file, the rule and the field
  assert log =~ /\[ERROR\] typo\/payments\.ruleset\.json:4:6 DATA_CONTRACT rule positiveAmount: CEL expression 'message\.amout > 0\.0' does not compile: undefined field 'amout'/
  // 2. registered with its data contract (the working tree's: major version 2, two rules)
  def latest = RegistryClient.of(registry.url()).latest('payments-value').schema()
  assert latest.ruleSet().domainRules()*.name() == ['positiveAmount', 'maskCard']
  assert latest.ruleSet().domainRules()[0].expr() == 'message.amount >= 1.0'
  assert latest.metadata().properties() == [major_version: '2', owner: 'payments']
  // 3. the review names each change
  def md = new File(basedir, 'target/schema-report/report.md').text
  assert md.contains('### Data contracts')
  assert md.contains('- `payments-value` (`schemas/payments.ruleset.json`): rule positiveAmount changed: expr `message.amount > 0.0` -&gt; `message.amount >= 1.0`')
  assert md.contains("rule maskCard added: TRANSFORM CEL_FIELD on WRITE `name == 'card' ; 'XXXX-' + value.substring(12)`")
  assert md.contains('new major version: compatibilityGroup major_version `1` -&gt; `2`; checked only against versions with major_version `2`')
  // the id's new type breaks major version 1, not 2: no earlier version of group 2, nothing incompatible
  assert !md.contains('INCOMPATIBLE')
  assert log.contains('NEW          schemas/payments.avsc (payments-value')
  return true
} finally {
  registry.close()
}
