// node two-nodes.mjs: the floor of a Node pool of 2 processes: this Node, then two bare
// `node -e 0` started at once (Node cannot fork itself, so every worker is a fresh start).
// Prints the sum a pool program would, so every contender answers alike.
import { spawn } from 'node:child_process';

const [n] = process.argv.slice(2);
const exits = [0, 1].map(
  () => new Promise((resolve) => spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).once('exit', resolve)),
);
await Promise.all(exits);
const last = BigInt(n) - 1n;
console.log(String((last * (last + 1n) * (2n * last + 1n)) / 6n));
