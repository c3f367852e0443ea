import groovy.json.JsonSlurper
import javax.xml.parsers.DocumentBuilderFactory

def dir = new File(basedir, 'target/schema-report')
['report.md', 'report.sarif', 'report.json', 'TEST-schema-compatibility.xml'].each {
  assert new File(dir, it).isFile() : "missing ${it}"
}
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS') // report does not fail the build unless asked
assert log.contains('::error file=schemas/orders.proto,line=6,col=3,title=FIELD_SCALAR_KIND_CHANGED::')

def md = new File(dir, 'report.md').text
assert md.contains('| `schemas/orders.proto` | `orders-value` | CHANGED | BACKWARD | ❌ incompatible (1) |')
assert md.contains('reserve tag 2')
assert md.contains('Compatible changes (2)')

def junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(dir, 'TEST-schema-compatibility.xml'))
assert junit.documentElement.getAttribute('tests') == '1'
assert junit.documentElement.getAttribute('failures') == '1'

def json = new JsonSlurper().parse(new File(dir, 'report.json'))
assert json.compatible == false
assert json.subjects[0].differences*.type.toSet() == ['FIELD_SCALAR_KIND_CHANGED', 'FIELD_STRING_OR_BYTES_LABEL_CHANGED', 'FIELD_ADDED'].toSet()

// SARIF against the official 2.1.0 JSON schema, with ajv (npm ci from the committed lock file)
def source = new File(nodeDir)
def work = new File(nodeWorkDir)
work.mkdirs()
['package.json', 'package-lock.json', 'validate-sarif.js'].each { new File(work, it).bytes = new File(source, it).bytes }
def run = { List cmd ->
  def p = new ProcessBuilder(cmd).directory(work).redirectErrorStream(true).start()
  def out = p.inputStream.text
  assert p.waitFor() == 0 : "${cmd.join(' ')} failed: ${out}"
  out
}
if (!new File(work, 'node_modules/ajv-draft-04').isDirectory()) {
  run(['npm', 'ci', '--no-audit', '--no-fund', '--loglevel=error'])
}
def sarifCheck = run(['node', 'validate-sarif.js', new File(dir, 'report.sarif').absolutePath])
assert sarifCheck.contains('valid SARIF 2.1.0: 3 result(s)') : sarifCheck
