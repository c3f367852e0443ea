def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] schemas\/broken\.proto:6:\d+ SYNTAX_ERROR syntax error: expected ';'/
assert log.contains('problem(s) reading contracts in schemas/broken.proto')
assert !log.contains('Caused by')
