const t0 = performance.now();
const { default: yargs } = await import('yargs');
const t1 = performance.now();
await yargs().exitProcess(false).strict().command('render <input>', 'r', (y) => y.option('out', {type:'string'}), () => {}).parseAsync(['render', 'x.yaml', '--out', 'a']);
const t2 = performance.now();
console.log((t1-t0).toFixed(1), (t2-t1).toFixed(1));
