const p=JSON.parse(require('fs').readFileSync(process.argv[2],'utf8'));
const filter=process.argv[3];
const lines=new Map();
for(const n of p.nodes){ if(!n.callFrame.url.includes(filter) || n.callFrame.functionName!=='' || n.callFrame.lineNumber!==0) continue; for(const t of (n.positionTicks||[])) lines.set(t.line,(lines.get(t.line)||0)+t.ticks); }
console.log([...lines].sort((a,b)=>b[1]-a[1]).slice(0,10));
