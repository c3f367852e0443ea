import io.github.eventcontracts.maven.ItRegistry

// An HTTPS registry whose user ci-writer may write orders-* only; the builds find it, its CA and the
// settings.xml server through .mvn/maven.config.
ItRegistry.startHttpsFor(basedir, 'it-https-registry', [
    ['ci-writer', 'ci-writer-secret', 'Subject:orders-.*'] as String[],
    ['admin', 'admin-secret', '.*'] as String[]])
return true
