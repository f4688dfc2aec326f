import yargs from 'yargs';
const a = yargs().exitProcess(false).strict().parserConfiguration({'populate--': true}).command('mark [plan] [ids..]', 'm', (y) => y.middleware((argv) => console.log('mw', JSON.stringify(argv)), true), () => {}).parseSync(['mark', 'p.md', '--', '-D1']);
console.log(JSON.stringify(a));
const b = yargs().exitProcess(false).strict().parserConfiguration({'populate--': true}).command('render [input]', 'm', (y) => y.middleware((argv) => console.log('mw', JSON.stringify(argv)), true), () => {}).parseSync(['render', '--', '--odd.yaml']);
console.log(JSON.stringify(b));
