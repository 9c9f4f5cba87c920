import { rankDescending } from "../src/core/steps/rank";
import { sortedAvailable } from "../src/core/stats/order";
const cols = Array.from({length:121},()=>{const a=new Float64Array(10000); for(let i=0;i<a.length;i++)a[i]=Math.random()*100; return a;});
for (let r=0;r<5;r++){
let t0=performance.now(); for (const c of cols) sortedAvailable(c); const t1=performance.now(); for (const c of cols) rankDescending(c); const t2=performance.now();
const s=new Float64Array(10000); let t3=performance.now(); for (const c of cols){ s.set(c); s.sort(); } const t4=performance.now();
console.log('sorted',(t1-t0).toFixed(0),'rank',(t2-t1).toFixed(0),'warm sort', (t4-t3).toFixed(0));}
