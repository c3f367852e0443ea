import io.github.eventcontracts.maven.ItGit
import io.github.eventcontracts.maven.ItRegistry

// A registry (found through .mvn/maven.config), and a git repository whose HEAD is the baseline;
// the working tree then breaks an event and removes a field of a shared type.
ItRegistry.startFor(basedir)
def git(String... args) { ItGit.git(basedir, args) }
git('init', '-q', '-b', 'main')
git('add', '.')
git('commit', '-q', '-m', 'baseline')
def invoice = new File(basedir, 'payment-events/schemas/proto/invoice.proto')
invoice.text = invoice.text.replace('string id = 1;', 'int64 id = 1;')
def address = new File(basedir, 'common-types/schemas/proto/common/address.proto')
address.text = address.text.replace('  string city = 2;\n', '  reserved 2;\n')
return true
