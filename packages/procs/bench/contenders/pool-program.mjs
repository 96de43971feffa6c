// node pool-program.mjs N PROCS_DIST: a whole program as a user writes it: import @sys/procs,
// Pool(2), one map of square over 0..N-1, close and join. Prints the sum.
import { pathToFileURL } from 'node:url';

const [n, dist] = process.argv.slice(2);
const { Pool } = await import(pathToFileURL(dist).href);
const pool = new Pool(2, { module: new URL('./square.mjs', import.meta.url) });
const squares = await pool.map(
  'square',
  Array.from({ length: Number(n) }, (_, i) => i),
);
pool.close();
await pool.join();
console.log(squares.reduce((a, b) => a + b, 0));
