import io.github.eventcontracts.registry.client.RegistryClient
def registry = System.getProperties().remove("it.register-dry-run.registry")
try {
  def log = new File(basedir, 'build.log').text
  assert log.contains('Dry run: nothing is written.')
  // a shared type: Confluent's reference subject (its full name), no level pinned
  assert log =~ ('NEW\\s+' + java.util.regex.Pattern.quote('it.common.Money version 1 (schemas/money.avsc)'))
  assert log =~ ('NEW\\s+' + java.util.regex.Pattern.quote('order-value version 1, set compatibility (none) -> FULL (schemas/order.avsc)'))
  assert log =~ ('NEW\\s+' + java.util.regex.Pattern.quote('shipment-value version 1'))
  // verified through the registry: nothing registered, no level set
  def client = RegistryClient.of(registry.url())
  assert client.subjects().isEmpty()
  assert !new File(basedir, 'target/schema-registry/registered.json').exists()
  return true
} finally {
  registry.close()
}
