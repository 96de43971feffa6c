// node pool.mjs TOOL N [PROCS_DIST]: a pool of 2 processes maps square over 0..N-1, twice.
// Prints the ms from creating the pool to the first map's results (start-up included), then
// the ms of the second map on the warm pool, then the sum of the results.
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [tool, n, dist] = process.argv.slice(2);
const items = Array.from({ length: Number(n) }, (_, i) => i);
const task = fileURLToPath(new URL('./square.mjs', import.meta.url));

async function make() {
  if (tool === 'pool') {
    const { Pool } = await import(pathToFileURL(dist).href);
    return async () => {
      const pool = new Pool(2, { module: task });
      return {
        map: () => pool.map('square', items),
        shut: async () => {
          pool.close();
          await pool.join();
        },
      };
    };
  }
  if (tool === 'tinypool') {
    const { default: Tinypool } = await import('tinypool');
    return async () => {
      const pool = new Tinypool({ filename: task, runtime: 'child_process', minThreads: 2, maxThreads: 2 });
      return { map: () => Promise.all(items.map((x) => pool.run(x))), shut: () => pool.destroy() };
    };
  }
  throw new Error(`unknown tool ${tool}`);
}

const create = await make();
let start = performance.now();
const pool = await create();
const first = await pool.map();
const cold = performance.now() - start;
start = performance.now();
const second = await pool.map();
const warm = performance.now() - start;
await pool.shut();
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
if (sum(first) !== sum(second)) throw new Error('the two maps disagree');
console.log(cold.toFixed(1), warm.toFixed(1), sum(second));
