import io.github.eventcontracts.maven.ItRegistry
import io.github.eventcontracts.registry.client.RegistryClientConfig
import io.github.eventcontracts.registry.server.CountingProxy
import io.github.eventcontracts.registry.server.EmbeddedRegistry

// A proxy in front of the registry fails every attempt the first build makes to register
// it.common.Money (as many as the client makes by default), then lets everything through.
def registry = EmbeddedRegistry.start()
def proxy = new CountingProxy(registry.url())
def attempts = RegistryClientConfig.builder("http://127.0.0.1:1").build().maxRetries() + 1
proxy.failNext(attempts, { it == 'POST /subjects/it.common.Money/versions' } as java.util.function.Predicate)
System.getProperties().put("it.register-failure-rerun.registry", registry)
System.getProperties().put("it.register-failure-rerun.proxy", proxy)
ItRegistry.pointAt(basedir, proxy.url())
return true
