import io.github.eventcontracts.registry.client.RegistryClient
def registry = System.getProperties().remove("it.set-compatibility.registry")
try {
  def log = new File(basedir, 'build.log').text
  assert log.contains('Would set global compatibility BACKWARD -> FORWARD')
  assert log =~ ('WOULD\\sSET\\s+' + java.util.regex.Pattern.quote('order-value (global) -> FULL'))
  assert log.contains('Dry run: 3 change(s) would be made') // the global level and two events; Money is a shared type
  assert log =~ ('SET\\s+' + java.util.regex.Pattern.quote('order-value (global) -> FULL'))
  def http = java.net.http.HttpClient.newHttpClient()
  def get = { path -> http.send(java.net.http.HttpRequest.newBuilder(URI.create(registry.url() + path)).build(),
      java.net.http.HttpResponse.BodyHandlers.ofString()).body() }
  assert get('/config/order-value') == '{"compatibilityLevel":"FULL"}'
  assert get('/config/it.common.Money').contains('40408') // follows the global level
  assert get('/config') == '{"compatibilityLevel":"FORWARD"}'
  return true
} finally {
  registry.close()
}
