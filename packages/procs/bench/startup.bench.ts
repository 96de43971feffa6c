// pnpm bench (packages/procs), part two: a Pool's start-up as a whole program. Python forks its
// workers from a warm interpreter; Node cannot fork, so a Node pool of 2 starts two fresh
// Nodes: its floor is one Node start, then two in parallel. Each program is timed from outside
// (wall clock, start to exit), round-robin, against a bare `node -e 0` in the same rounds.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, type Timing, timingsOf, writeSection } from '@sys/bench';

const here = fileURLToPath(new URL('./contenders/', import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const node = process.execPath;
const CALLS = 10_000;
const ROUNDS = Number(process.env.ROUNDS ?? 21);
// The contenders run from a folder of their own, as the other procs benchmarks do.
const dir = mkdtempSync(join(tmpdir(), 'sys-procs-startup-'));
for (const f of readdirSync(here)) copyFileSync(join(here, f), join(dir, f));
if (!existsSync(dist)) throw new Error(`build @sys/procs first: ${dist} is missing`);

const contenders = [
  { name: 'node -e 0 (one bare start)', cmd: [node, '-e', `console.log(${sumOfSquares(CALLS)})`] },
  { name: 'floor: node, then 2 bare node starts in parallel', cmd: [node, 'two-nodes.mjs', String(CALLS)] },
  { name: '@sys/procs Pool(2) + map', cmd: [node, 'pool-program.mjs', String(CALLS), dist] },
  { name: 'python3 multiprocessing.Pool(2) + map', cmd: ['python3', 'pool-program.py', String(CALLS)] },
];
const subject = '@sys/procs Pool(2) + map';

function sumOfSquares(n: number): string {
  const last = BigInt(n) - 1n;
  return String((last * (last + 1n) * (2n * last + 1n)) / 6n);
}

/** Wall-clock ms of each whole program, round-robin; each must print the sum of squares. */
function wallTimes(): Map<string, number[]> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = -1; round < ROUNDS; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(k + Math.max(round, 0)) % contenders.length] as (typeof contenders)[number];
      const start = performance.now();
      const out = execFileSync(c.cmd[0] as string, c.cmd.slice(1), { cwd: dir, encoding: 'utf8' }).trim();
      const ms = performance.now() - start;
      if (out !== sumOfSquares(CALLS)) throw new Error(`${c.name} printed ${out}`);
      if (round >= 0) samples.get(c.name)?.push(ms);
    }
  }
  return samples;
}

const loadBefore = loadavg()[1] as number;
const samples = wallTimes();
const timings: Timing[] = timingsOf(samples, subject);
const bare = timings.find((t) => t.name.startsWith('node -e 0')) as Timing;
const floor = timings.find((t) => t.name.startsWith('floor')) as Timing;
const ours = timings.find((t) => t.name === subject) as Timing;
const x = (a: Timing, b: Timing) => (a.medianMs / b.medianMs).toFixed(2);

const section = `## @sys/procs: a Pool's start-up, as a whole program

Node ${process.version}. Each program is timed from outside, from its start to its exit, ${ROUNDS} round-robin rounds (5-minute load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[1] as number).toFixed(1)} at the end). The program imports @sys/procs, starts \`Pool(2)\`, maps square over ${CALLS.toLocaleString('en')} numbers, closes and joins.

${markdownTable(timings, subject)}

The Pool program takes ${x(ours, bare)}× a bare \`node -e 0\`. Python forks its workers from a warm interpreter; Node cannot fork, so every worker is a fresh Node: the floor of any Node pool of 2 is one Node start and then two more at once on this 2-core machine (${x(floor, bare)}× a bare start here, since the parent and two children share 2 cores), and the Pool program takes ${x(ours, floor)}× that floor. What is left above the floor: the parent's import of @sys/procs (its ~20 modules and core's, ~40 ms on this machine; \`node dist/index.js\` is about 1.5× a bare start), the IPC channel and the map itself. The child runner is one bundled file (\`scripts/bundle-child.ts\`), which starts like a bare \`node -e 0\`.
`;
await writeSection('procs-startup', section);
console.log(section);
