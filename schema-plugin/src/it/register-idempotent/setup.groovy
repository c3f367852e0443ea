import io.github.eventcontracts.registry.server.EmbeddedRegistry

// A registry for this project; the builds find it through .mvn/maven.config.
def registry = EmbeddedRegistry.start()
System.getProperties().put("it." + basedir.name + ".registry", registry)
def config = new File(basedir, ".mvn/maven.config")
config.parentFile.mkdirs()
config.text = "-Dschema.registryUrl=${registry.url()}\n"
return true
