import io.github.eventcontracts.registry.client.RegistryClient
def registry = System.getProperties().remove("it.world-corpus.registry")
try {
  def log = new File(basedir, 'build.log').text
  // validate and generate through Maven, on files nobody here wrote
  assert log.contains('Validated 11 contract(s): 0 error(s)')
  assert log.contains('Generated catalog it.otel.Catalog with ')
  assert new File(basedir, 'target/classes/io/opentelemetry/proto/trace/v1/Span.class').isFile()
  assert new File(basedir, 'target/classes/it/otel/Catalog.class').isFile()
  // registered with their import chains, then again as a no-op
  def registered = (log =~ /NEW\s+(\S+) id (\d+) version 1/).collect { it[1] }
  def unchanged = (log =~ /UNCHANGED\s+(\S+) id (\d+) version 1/).collect { it[1] }
  assert registered.size() == 11
  assert unchanged.toSet() == registered.toSet()
  def client = RegistryClient.of(registry.url())
  assert client.latest('trace_service-value').references()*.subject == ['opentelemetry/proto/trace/v1/trace.proto']
  assert client.latest('opentelemetry/proto/trace/v1/trace.proto').references()*.subject ==
      ['opentelemetry/proto/common/v1/common.proto', 'opentelemetry/proto/resource/v1/resource.proto']
  // the review against the registry: every contract unchanged, nothing breaking
  def report = new File(basedir, 'target/schema-report/report.md').text
  assert report.contains('trace_service-value')
  assert !report.contains('INCOMPATIBLE')
  return true
} finally {
  registry?.close()
}
