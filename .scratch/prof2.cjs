const p=JSON.parse(require('fs').readFileSync(process.argv[2],'utf8')); const byId=new Map(p.nodes.map(n=>[n.id,n]));
const self=new Map(); let i=0; for(const s of p.samples){self.set(s,(self.get(s)||0)+(p.timeDeltas[i++]||0));}
const filter=process.argv[3];
const agg=new Map();
for(const [id,t] of self){const n=byId.get(id); if(!n.callFrame.url.includes(filter)) continue; const k=n.callFrame.functionName+'@'+n.callFrame.lineNumber+':'+n.callFrame.columnNumber; agg.set(k,(agg.get(k)||0)+t);}
console.log([...agg].sort((a,b)=>b[1]-a[1]).slice(0,15).map(([k,t])=>(t/1000).toFixed(1)+'ms '+k).join('\n'));
