import yargs from 'yargs';
function build() {
  return yargs()
    .scriptName('handoff')
    .exitProcess(false)
    .strict()
    .parserConfiguration({ 'duplicate-arguments-array': true, 'greedy-arrays': false, 'camel-case-expansion': true, 'strip-dashed': true, 'populate--': true, 'halt-at-non-option': false, 'short-option-groups': false, 'parse-numbers': false, 'parse-positional-numbers': false, 'boolean-negation': true })
    .fail((msg, err) => { throw err ?? new Error('FAIL: ' + msg); })
    .help(false).version(false)
    .command('render <input>', 'r', (y) => y.option('out', { type: 'string', requiresArg: true }).option('check', { type: 'boolean' }).option('dry-run', {type:'boolean'}).option('only', {type:'string', array:true}).option('jobs', {type:'string', requiresArg: true}), (a) => { console.log('handler', JSON.stringify(a)); })
    .command('init', 'i', (y) => y.parserConfiguration({'greedy-arrays': true}).option('rows', { type: 'string', array: true }).option('out', {type:'string'}), (a) => { console.log('init', JSON.stringify(a)); });
}
for (const args of [
  ['render', 'x.yaml', '--out', 'a'],
  ['render', 'x.yaml', '--out', 'a', '--out', 'b'],
  ['render', 'x.yaml', '--check', '--check', '--no-check'],
  ['render', 'x.yaml', '--dry-run=true'],
  ['render', 'x.yaml', '--jobs', '-3'],
  ['render', 'x.yaml', '--bogus'],
  ['render', 'x.yaml', 'y.yaml'],
  ['render'],
  ['render', 'x.yaml', '--no-out'],
  ['render', '--only', 'a', 'x.yaml', '--no-check'],
  ['render', '--', '--odd.yaml'],
  ['render', 'x.yaml', '--out'],
  ['render', 'x.yaml', '--out', '--check'],
  ['init', '--rows', 'D1', 'D2', '--out', 'h.yaml'],
  ['rendr', 'x'],
]) {
  try { await build().parseAsync(args); } catch (e) { console.log('ERR', JSON.stringify(args), e.message); }
}
