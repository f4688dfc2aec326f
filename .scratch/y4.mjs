import yargs from 'yargs';
export async function go(){ return yargs().exitProcess(false).strict().command('render <input>', 'r', (y) => y.option('out', {type:'string'}), () => {}).parseAsync(['render', 'x.yaml', '--out', 'a']); }
