import io.github.eventcontracts.registry.client.RegistryClient
import io.github.eventcontracts.registry.client.RegistryClientConfig
import java.nio.file.Path

def registry = System.getProperties().remove("it.register-https.registry")
try {
  def log = new File(basedir, 'build.log').text
  // 1. over HTTPS, with settings.xml's credentials and the project's truststore
  assert log =~ /NEW\s+orders-value id \d+ version 1/
  // 2. the subject the user may not write: the registry's 403, named, and nothing of it registered
  assert log.contains('payments-value')
  assert log.contains('HTTP 403 (error 40301): User ci-writer is denied operation Read on Subject:payments-value')
  def admin = new RegistryClient(RegistryClientConfig.builder(registry.url()).basicAuth('admin:admin-secret')
      .tls(Path.of(basedir.path, 'tls/truststore.p12'), 'changeit'.toCharArray(), null, null).build())
  assert admin.subjects() == ['orders-value']
  return true
} finally {
  registry.close()
}
