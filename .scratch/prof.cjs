const p=JSON.parse(require('fs').readFileSync(process.argv[2],'utf8')); const byId=new Map(p.nodes.map(n=>[n.id,n]));
const parent=new Map(); for(const n of p.nodes) for(const c of (n.children||[])) parent.set(c,n.id);
const self=new Map(); let i=0; for(const s of p.samples){self.set(s,(self.get(s)||0)+(p.timeDeltas[i++]||0));}
// aggregate by url (file)
const byUrl=new Map(); let total=0;
for(const [id,t] of self){const n=byId.get(id); const u=(n.callFrame.url||n.callFrame.functionName).replace(/.*\/dist\//,'dist/').replace(/.*node_modules\//,'nm/'); byUrl.set(u,(byUrl.get(u)||0)+t); total+=t;}
console.log('total', (total/1000).toFixed(1));
console.log([...byUrl].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,t])=>(t/1000).toFixed(1)+'ms '+k).join('\n'));
