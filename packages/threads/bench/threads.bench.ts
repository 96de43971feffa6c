// pnpm bench (packages/threads): (a) 100,000 tiny tasks through pools of 2 workers; (b) round trips
// and (c) one-way traffic between threads, Queue against MessagePort; (d) a contended Lock
// against a bare three-state futex mutex. Competitors are installed with npm into a cache folder.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownTable, writeSection } from '@sys/bench';
import { measure } from './_measure.js';
import { poolCases } from './_pools.js';
import { lockCases, lockSpread, oneWayCases, roundTripCases } from './_traffic.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sys-bench', 'threads');
const dist = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

function peers(): string {
  if (!existsSync(join(cache, 'node_modules', 'workerpool'))) {
    mkdirSync(cache, { recursive: true });
    execFileSync('npm', ['init', '-y'], { cwd: cache, stdio: 'ignore' });
    execFileSync('npm', ['install', '--silent', 'piscina@5', 'tinypool@2', 'workerpool@10'], {
      cwd: cache,
      stdio: 'inherit',
    });
  }
  for (const f of ['inc.mjs', 'inc-workerpool.mjs', 'hand-pool-worker.mjs']) {
    copyFileSync(join(here, 'contenders', f), join(cache, f));
  }
  return cache;
}

const dir = peers();
const version = (name: string) =>
  (JSON.parse(execFileSync('npm', ['ls', name, '--json'], { cwd: dir, encoding: 'utf8' })).dependencies?.[name]
    ?.version as string) ?? '?';

const pools = await poolCases(dir, dist);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const a = await measure('ThreadPool', pools.cases, ROUNDS);
await pools.close();
const b = await measure('Queue', roundTripCases(dist), ROUNDS);
const c = await measure('Queue', oneWayCases(dist), ROUNDS);
const d = await measure('Lock', lockCases(dist), ROUNDS);
const spreads = [];
for (let i = 0; i < 5; i++) spreads.push(await lockSpread(dist));

const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000) / 1000)}k/s`;
const rates = (timings: typeof a, n: number) =>
  [...timings]
    .sort((x, y) => x.medianMs - y.medianMs)
    .map((t) => `${t.name} ${rate(n, t.medianMs)}`)
    .join(', ');

const section = `## @sys/threads

Node ${process.version}, ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores (shared, busy). Each case times only its workload (workers already running), ${ROUNDS} rounds after a warm-up, round-robin; every case must give the same answer. Medians.

### (a) 100,000 tiny tasks (x + 1) through a pool of 2 workers

piscina ${version('piscina')}, tinypool ${version('tinypool')}, workerpool ${version('workerpool')}; the hand-rolled pool posts one message per task to its 2 workers, round-robin, the task fixed in the worker.

${markdownTable(a, 'ThreadPool')}

Throughput: ${rates(a, 100_000)}.

### (b) 100,000 round trips of a small object, main thread <-> worker

The bare SharedArrayBuffer ping-pong (one Int32 flag, no data) sleeps in Atomics.wait on every round trip: the floor for a wait/notify design. \`Queue\` blocks in \`get()\` on the main thread here, and its \`get()\` first watches the count for a few microseconds, so a quick reply costs no sleep: that is how it gets below the floor.

${markdownTable(b, 'Queue')}

Throughput: ${rates(b, 100_000)}.

### (c) 1,000,000 small objects one way, main thread -> worker

The \`Queue\` is bounded (\`maxsize\` 4096), so the producer waits when it gets ahead.

${markdownTable(c, 'Queue')}

Throughput: ${rates(c, 1_000_000)}.

### (d) 2 workers each add 1 to a shared counter 1,000,000 times under a lock

The futex is a bare three-state mutex written in the benchmark (compareExchange, then exchange to "locked with waiters" and Atomics.wait; release notifies only when someone waits). Both totals are checked: 2,000,000.

${markdownTable(d, 'Lock')}

Fairness: 3 workers take the \`Lock\` in turn until 1,000,000 acquisitions in all, 5 runs; each worker's share (a third is fair): ${spreads.map((s) => s.map((x) => `${Math.round(x * 100)}%`).join('/')).join(', ')}.
`;
await writeSection('threads', section);
console.log(section);
