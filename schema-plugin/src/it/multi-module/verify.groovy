import groovy.json.JsonSlurper
import io.github.eventcontracts.registry.client.RegistryClient
import java.util.jar.JarFile
def registry = System.getProperties().remove("it.multi-module.registry")
try {
  def log = new File(basedir, 'build.log').text
  def client = RegistryClient.of(registry.url())

  // registered by their owners: shared types by common-types under reference subjects, events by payment-events
  assert client.subjects().sort() == ['invoice-value', 'it.common.Money', 'payment-captured-value', 'proto/common/address.proto']
  assert client.latest('payment-captured-value').references().collect { "${it.name()} -> ${it.subject()}@${it.version()}" } == ['it.common.Money -> it.common.Money@1']
  assert client.latest('invoice-value').references().collect { "${it.name()} -> ${it.subject()}@${it.version()}" } == ['proto/common/address.proto -> proto/common/address.proto@1']
  assert log.contains('2 subject(s): 2 new, 0 new version(s), 0 unchanged')

  // one catalog per module, events only; no second copy of the shared classes
  assert log.contains('Generated catalog it.multi.PaymentEventsCatalog with 2 subject(s)')
  assert log.contains('Generated catalog it.multi.CommonTypesCatalog with 0 subject(s)')
  assert log =~ /Tests run: 2, Failures: 0, Errors: 0/
  def events = new JarFile(new File(basedir, 'payment-events/target/payment-events-1.0.jar'))
  assert events.getEntry('it/payments/PaymentCaptured.class') != null
  assert events.getEntry('it/common/Money.class') == null
  assert events.getEntry('it/common/proto/Address.class') == null
  assert new JarFile(new File(basedir, 'common-types/target/common-types-1.0.jar')).getEntry('it/common/Money.class') != null

  // the review names files from the repository root, in every format
  def md = new File(basedir, 'payment-events/target/schema-report/report.md').text
  assert md.contains('payment-events/schemas/proto/invoice.proto:11:3')
  def sarif = new JsonSlurper().parse(new File(basedir, 'payment-events/target/schema-report/report.sarif'))
  def uris = sarif.runs[0].results*.locations.flatten()*.physicalLocation*.artifactLocation*.uri
  assert uris.contains('payment-events/schemas/proto/invoice.proto') : uris
  def json = new JsonSlurper().parse(new File(basedir, 'payment-events/target/schema-report/report.json'))
  assert json.subjects.find { it.subject == 'invoice-value' }.differences*.file.contains('payment-events/schemas/proto/invoice.proto')
  assert log.contains('::error file=payment-events/schemas/proto/invoice.proto,line=11,col=3,title=FIELD_SCALAR_KIND_CHANGED')
  // a removed field is shown in the file as the repository has it now, never as git:<commit>:...
  def common = new JsonSlurper().parse(new File(basedir, 'common-types/target/schema-report/report.sarif'))
  def commonUris = common.runs[0].results*.locations.flatten()*.physicalLocation*.artifactLocation*.uri
  assert commonUris.contains('common-types/schemas/proto/common/address.proto') : commonUris
  assert !commonUris.any { it.startsWith('git:') }
  def junit = new File(basedir, 'payment-events/target/schema-report/TEST-schema-compatibility.xml').text
  assert junit.contains('payment-events/schemas/proto/invoice.proto')
  return true
} finally {
  registry?.close()
}
