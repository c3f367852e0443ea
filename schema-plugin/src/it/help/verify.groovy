def log = new File(basedir, 'build.log').text
['schema:validate', 'schema:check', 'schema:report', 'schema:help'].each { assert log.contains(it) : it }
['schemaDirectory', 'includes', 'excludes', 'subjectNamingStrategy', 'compatibility', 'contracts', 'importRoots',
 'disabledLintRules', 'skip', 'incremental', 'failOnWarning', 'against', 'mergeBase', 'registryUrls',
 'registryServerId', 'registryTimeoutSeconds', 'registryTrustStore', 'registryKeyStore', 'reportDirectory', 'failOnIncompatible', 'githubAnnotations'].each {
  assert log.contains(it) : "help lacks ${it}"
}
assert log.contains('User property: schema.against')
