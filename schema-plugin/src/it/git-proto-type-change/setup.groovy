import io.github.eventcontracts.maven.ItGit
// A throwaway repository: main holds the baseline, the feature branch changes amount to int64.
def git(String... args) { ItGit.git(basedir, args) }
git('init', '-q', '-b', 'main')
git('add', '.')
git('commit', '-q', '-m', 'baseline')
git('checkout', '-q', '-b', 'feature')
def proto = new File(basedir, 'schemas/orders.proto')
proto.text = proto.text.replace('string amount = 3;', 'int64 amount = 3;')
git('commit', '-q', '-am', 'amount in minor units')
return true
