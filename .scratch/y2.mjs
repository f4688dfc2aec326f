import yargs from 'yargs';
function build() {
  return yargs()
    .scriptName('handoff')
    .exitProcess(false)
    .strict()
    .parserConfiguration({ 'duplicate-arguments-array': true, 'greedy-arrays': false, 'strip-dashed': true, 'populate--': false, 'parse-numbers': false, 'parse-positional-numbers': false })
    .fail((msg, err) => { throw err ?? new Error('FAIL: ' + msg); })
    .version('9.9.9').help().alias('h','help')
    .command('render <input>', 'r', (y) => y.option('out', { type: 'string', requiresArg: true }).option('quiet', { type: 'boolean' }), (a) => { console.log('handler', JSON.stringify(a)); })
    .command('plan', 'plan group', (y) => y.command('mark <plan> <ids..>', 'mark', (z) => z.option('state', {type:'string'}), (a) => console.log('mark', JSON.stringify(a))).demandCommand(1, 'name a plan command'));
}
for (const args of [
  ['render', '--', '--odd.yaml'],
  ['render', '--', '-h'],
  ['render', 'x.yaml', '--quiet', '--quiet'],
  ['render', 'x.yaml', '--quiet', '--no-quiet'],
  ['render', 'x.yaml', '--no-quiet', '--quiet'],
  ['render', '-h'],
  ['render', 'x', '--bogus', '--help'],
  ['--version'],
  ['render', 'x.yaml', '--version'],
  ['plan', 'mark', 'p.md', '--', '-D1'],
  ['plan', 'mark', 'p.md', 'D1', 'D2', '--state', 'P'],
  ['plan'],
  ['plan', 'stat'],
  ['render', 'x.yaml', '--out=-x'],
]) {
  let out = '';
  try { await build().parseAsync(args, {}, (err, argv, output) => { out = output; }); console.log('OUT', JSON.stringify(args), JSON.stringify(out.slice(0,80))); } catch (e) { console.log('ERR', JSON.stringify(args), e.message); }
}
