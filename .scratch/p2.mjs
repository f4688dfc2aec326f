const t0 = performance.now();
const m = await import('./p1.bundle.mjs');
const t1 = performance.now();
m.go();
const t2 = performance.now();
console.log((t1-t0).toFixed(1), (t2-t1).toFixed(1));
