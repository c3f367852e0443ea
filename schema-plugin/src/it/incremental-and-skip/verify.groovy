def log = new File(basedir, 'build.log').text
assert log.contains('Validated 1 contract(s): 0 error(s), 0 warning(s)')
assert log.contains('Contracts unchanged since the last successful validate; nothing to do')
assert log.contains('Skipping (schema.skip)')
assert new File(basedir, 'target/schema-plugin/validate.sha256').isFile()
