import parser from 'yargs-parser';
export function go(){ return parser.detailed(['render','x.yaml','--out','a'], {string:['out'], configuration:{'duplicate-arguments-array':true}}); }
