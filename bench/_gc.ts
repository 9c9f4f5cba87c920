import { syntheticTables } from "./synthetic";
const { data } = syntheticTables(10000, 1000);
for (let r=0;r<3;r++){const t0=performance.now(); (globalThis as any).gc(); console.log('full gc', (performance.now()-t0).toFixed(0));}
let t0=performance.now(); let s=0; for (const row of data) for (const c of row) { const v = Number(c); if (v===v) s+=v; } console.log('pass', (performance.now()-t0).toFixed(0));
t0=performance.now(); const cols = Array.from({length:1000},()=>new Float64Array(10000)); console.log('alloc', (performance.now()-t0).toFixed(0));
t0=performance.now(); for (let i=1;i<data.length;i++){const row=data[i]!; for (let j=0;j<1000;j++){const c=row[j+4]; cols[j]![i-1]= typeof c==='number'?c:NaN;}} console.log('transpose fresh', (performance.now()-t0).toFixed(0));
t0=performance.now(); for (let i=1;i<data.length;i++){const row=data[i]!; for (let j=0;j<1000;j++){const c=row[j+4]; cols[j]![i-1]= typeof c==='number'?c:NaN;}} console.log('transpose warm', (performance.now()-t0).toFixed(0));
const blk = new Float64Array(64*10000);
t0=performance.now(); for (let b=0;b<1000;b+=64){ for (let i=1;i<data.length;i++){const row=data[i]!; for (let j=0;j<64&&b+j<1000;j++){const c=row[b+j+4]; blk[j*10000+i-1]= typeof c==='number'?c:NaN;}}} console.log('block read warm', (performance.now()-t0).toFixed(0));
t0=performance.now(); for (let j=0;j<1000;j++){ for (let i=1;i<data.length;i++){const c=data[i]![j+4]; blk[i-1]= typeof c==='number'?c:NaN;}} console.log('column-wise read', (performance.now()-t0).toFixed(0));
