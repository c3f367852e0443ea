import io.github.eventcontracts.maven.CountingProxy
import io.github.eventcontracts.registry.server.EmbeddedRegistry

// A proxy in front of the registry fails every attempt to register money-value during the first
// build (the client tries 4 times), then lets everything through.
def registry = EmbeddedRegistry.start()
def proxy = new CountingProxy(registry.url())
proxy.failNext(4, { it == 'POST /subjects/money-value/versions' } as java.util.function.Predicate)
System.getProperties().put("it.register-failure-rerun.registry", registry)
System.getProperties().put("it.register-failure-rerun.proxy", proxy)
def config = new File(basedir, ".mvn/maven.config")
config.parentFile.mkdirs()
config.text = "-Dschema.registryUrl=${proxy.url()}\n"
return true
