const p=JSON.parse(require('fs').readFileSync(process.argv[2],'utf8')); const byId=new Map(p.nodes.map(n=>[n.id,n]));
const parent=new Map(); for(const n of p.nodes) for(const c of (n.children||[])) parent.set(c,n.id);
const target=process.argv[3];
for(const n of p.nodes){ if(n.callFrame.functionName===target && n.hitCount>0){ let chain=[]; let id=n.id; for(let k=0;k<12&&id;k++){const m=byId.get(id); chain.push(m.callFrame.functionName+'@'+m.callFrame.lineNumber); id=parent.get(id);} console.log(n.hitCount, chain.join(' <- ')); } }
