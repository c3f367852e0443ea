import io.github.eventcontracts.registry.client.RegistryClient
import java.util.regex.Pattern
def registry = System.getProperties().remove("it.other-registry.registry")
def proxy = System.getProperties().remove("it.other-registry.proxy")
try {
  def log = new File(basedir, 'build.log').text
  def client = RegistryClient.of(registry.url())

  // first registration and the shared-type evolution work whatever code a miss gets
  assert log.contains('5 subject(s): 5 new, 0 new version(s), 0 unchanged')
  assert log.contains('5 subject(s): 0 new, 5 new version(s), 0 unchanged')
  assert client.latest('payment-captured-value').references().collect { "${it.subject()}@${it.version()}" } == ['it.common.Money@2']
  // 'subject not found' for a subject that lists versions: said, and planned from the versions
  assert log =~ /The registry's answers about it\.common\.Money contradict each other: a lookup said the subject does not exist \(40401\), its version list has \[1\]/
  def dry = log.substring(log.indexOf('Dry run: nothing is written.'))
  assert dry =~ /NEW_VERSION\s+it\.common\.Money version 2/
  assert dry =~ /NEW_VERSION\s+payment-captured-value version 2/

  // check: the registry's verdict read from 'reason'...
  assert log =~ /the registry says it\.common\.Money is incompatible: \{errorType:'TYPE_MISMATCH'/
  // ...and where its check refuses schemas with references, our finding stands with its position
  assert log =~ /schemas-v3\/proto\/shipment\.proto:8:3 FIELD_SCALAR_KIND_CHANGED #\/ShipmentSent\/1/
  assert log =~ /the registry's own compatibility check of shipment-value could not run \(.*422.*\); the verdict above is this plugin's alone/
  assert log =~ ('INCOMPATIBLE\\s+' + Pattern.quote('schemas-v3/proto/shipment.proto (shipment-value, BACKWARD)'))

  // register: the 409 and its reason
  def failed = log.readLines().find { it.contains('FAILED') && it.contains('it.common.Money') }
  assert failed != null && failed.contains('409') : failed
  assert client.versions('it.common.Money') == [1, 2]
  return true
} finally {
  proxy?.close()
  registry?.close()
}
