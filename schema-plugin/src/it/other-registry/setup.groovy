import io.github.eventcontracts.maven.ItRegistry
import io.github.eventcontracts.registry.server.CountingProxy
import io.github.eventcontracts.registry.server.EmbeddedRegistry
import io.github.eventcontracts.registry.server.OtherRegistryDialect

// Our registry behind a proxy that answers the way other Confluent-compatible registries do.
def registry = EmbeddedRegistry.start()
def proxy = new CountingProxy(registry.url())
proxy.rewrite(new OtherRegistryDialect())
System.getProperties().put("it.other-registry.registry", registry)
System.getProperties().put("it.other-registry.proxy", proxy)
ItRegistry.pointAt(basedir, proxy.url())
return true
