import io.github.eventcontracts.registry.client.RegistryClient
def registry = System.getProperties().remove("it.register-dry-run.registry")
try {
  def log = new File(basedir, 'build.log').text
  assert log.contains('Dry run: nothing is written.')
  assert log.contains('NEW          money-value version 1, set compatibility (none) -> BACKWARD (schemas/money.avsc)')
  assert log.contains('NEW          order-value version 1, set compatibility (none) -> FULL (schemas/order.avsc)')
  assert log.contains('NEW          shipment-value version 1')
  // verified through the registry: nothing registered, no level set
  def client = RegistryClient.of(registry.url())
  assert client.subjects().isEmpty()
  assert !new File(basedir, 'target/schema-registry/registered.json').exists()
  return true
} finally {
  registry.close()
}
