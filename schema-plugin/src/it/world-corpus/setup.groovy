import io.github.eventcontracts.maven.ItRegistry

// A registry for this project; the builds find it through .mvn/maven.config.
ItRegistry.startFor(basedir)
return true
