// A throwaway repository: main holds the baseline, the feature branch changes amount to int64.
def git(String... args) {
  def cmd = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList()
  def p = new ProcessBuilder(cmd).directory(basedir).redirectErrorStream(true).start()
  def out = p.inputStream.text
  assert p.waitFor() == 0 : "git ${args.join(' ')}: ${out}"
}
git('init', '-q', '-b', 'main')
git('add', '.')
git('commit', '-q', '-m', 'baseline')
git('checkout', '-q', '-b', 'feature')
def proto = new File(basedir, 'schemas/orders.proto')
proto.text = proto.text.replace('string amount = 3;', 'int64 amount = 3;')
git('commit', '-q', '-am', 'amount in minor units')
return true
