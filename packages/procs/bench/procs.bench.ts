// pnpm bench (packages/procs): (1) 500 sequential spawns of /bin/true with output captured, on
// one core; (2) 1 GiB through `cat FILE | wc -c`; (3) Pool(2).map of 10,000 small calls.
// Every contender is its own process and reports the time of the work itself (start-up and
// imports not counted), round-robin so drift hits all alike.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable, type Timing, timingsOf, writeSection } from '@sys/bench';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sys-bench', 'procs');
const node = process.execPath;
const SPAWNS = 500;
const GIB = 1024 ** 3;
const CALLS = 10_000;

function peers(): string {
  const dir = join(cache, 'peers');
  if (!existsSync(join(dir, 'node_modules', 'tinypool'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
    const tools = ['execa@9', 'tinyexec@1', 'nano-spawn@2', 'zx@8', 'tinypool@2'];
    execFileSync('npm', ['install', '--silent', ...tools], { cwd: dir, stdio: 'inherit' });
  }
  for (const f of readdirSync(join(here, 'contenders'))) copyFileSync(join(here, 'contenders', f), join(dir, f));
  return dir;
}

function bigFile(): string {
  const file = join(cache, 'one-gib.bin');
  if (!existsSync(file) || statSync(file).size !== GIB) {
    mkdirSync(cache, { recursive: true });
    execFileSync('sh', ['-c', `head -c ${GIB} /dev/urandom > '${file}'`]);
  }
  return file;
}

interface Contender {
  name: string;
  cmd: string[];
}

/**
 * Runs each contender once per round, in turn, starting one further along each round so no
 * tool always goes first; `before` runs untimed before each. Each contender prints its own
 * milliseconds (one or more columns, then what `check` looks at). Returns, per column,
 * medians, fastest and ratios to `subject`.
 */
function rounds(
  contenders: Contender[],
  subject: string,
  count: number,
  check: (out: string[]) => void,
  columns = [0],
  before?: () => void,
): Timing[][] {
  const samples = contenders.map(() => columns.map((): number[] => []));
  for (let round = -1; round < count; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const at = (k + Math.max(round, 0)) % contenders.length;
      const [file, ...args] = (contenders[at] as Contender).cmd as [string, ...string[]];
      before?.();
      const out = execFileSync(file, args, { cwd: join(cache, 'peers'), encoding: 'utf8', maxBuffer: 1 << 20 })
        .trim()
        .split(/\s+/);
      check(out);
      if (round >= 0) for (const [i, c] of columns.entries()) samples[at]?.[i]?.push(Number(out[c]));
    }
  }
  return columns.map((_, i) =>
    timingsOf(new Map(contenders.map((c, at) => [c.name, samples[at]?.[i] ?? []])), subject),
  );
}

const rate = (t: Timing, per: number, unit: string, digits = 0) =>
  `${t.name}: ${((per * 1000) / t.medianMs).toLocaleString('en', { maximumFractionDigits: digits })} ${unit}`;

peers();
const file = bigFile();
const loadBefore = loadavg()[1] as number;

// (1) Spawns, parent and children sharing one core.
const one = (tool: string) => ['taskset', '-c', '1', node, 'spawns.mjs', tool, String(SPAWNS), dist];
const bashLoop = `s=$(date +%s%N); for i in $(seq ${SPAWNS}); do x=$(/bin/true); done; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))`;
const [spawnTimings = []] = rounds(
  [
    { name: '@sys/procs run', cmd: one('run') },
    { name: 'child_process.spawn (pipes)', cmd: one('spawn') },
    { name: 'execa 9', cmd: one('execa') },
    { name: 'tinyexec', cmd: one('tinyexec') },
    { name: 'nano-spawn', cmd: one('nano-spawn') },
    { name: 'zx', cmd: one('zx') },
    { name: 'bash loop, $(...)', cmd: ['taskset', '-c', '1', 'bash', '-c', bashLoop] },
    { name: 'python3 subprocess.run', cmd: ['taskset', '-c', '1', 'python3', 'spawns.py', String(SPAWNS)] },
  ],
  '@sys/procs run',
  9,
  () => {},
);

// (2) 1 GiB through cat | wc -c.
const [pipeTimings = []] = rounds(
  [
    { name: '@sys/procs pipeline', cmd: [node, 'pipe.mjs', 'pipeline', file, dist] },
    { name: 'spawn, stdout handed over as stdin', cmd: [node, 'pipe.mjs', 'handoff', file] },
    {
      name: 'bash cat | wc -c',
      cmd: [
        'bash',
        '-c',
        `s=$(date +%s%N); n=$(cat '${file}' | wc -c); e=$(date +%s%N); echo $(( (e - s) / 1000000 )) $n`,
      ],
    },
    { name: 'Node streams .pipe()', cmd: [node, 'pipe.mjs', 'pipe', file] },
    { name: 'execa 9 .pipe()', cmd: [node, 'pipe.mjs', 'execa', file] },
    { name: 'tinyexec .pipe()', cmd: [node, 'pipe.mjs', 'tinyexec', file] },
  ],
  '@sys/procs pipeline',
  7,
  (out) => {
    if (out[1] !== String(GIB)) throw new Error(`wc counted ${out[1]}, not ${GIB}`);
  },
  [0],
  // The file read once more, untimed, before every run: each tool starts from the page cache.
  () => execFileSync('sh', ['-c', `cat '${file}' > /dev/null`]),
);

// (3) Pool(2).map of 10,000 calls: start-up plus the first map, and a second map on the warm pool.
const poolContenders = [
  { name: '@sys/procs Pool(2).map', cmd: [node, 'pool.mjs', 'pool', String(CALLS), dist] },
  { name: 'python3 multiprocessing.Pool(2).map', cmd: ['python3', 'pool.py', String(CALLS)] },
  { name: 'tinypool (child_process runtime)', cmd: [node, 'pool.mjs', 'tinypool', String(CALLS)] },
];
const sum = String(((CALLS - 1) * CALLS * (2 * CALLS - 1)) / 6);
const checkSum = (out: string[]) => {
  if (out[2] !== sum) throw new Error(`the squares add up to ${out[2]}, not ${sum}`);
};
const [poolCold = [], poolWarm = []] = rounds(poolContenders, '@sys/procs Pool(2).map', 9, checkSum, [0, 1]);

const section = `## @sys/procs

Node ${process.version}, Python ${execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim().split(' ')[1]}. Each contender is its own process and times the work itself (not its start-up or imports); medians of round-robin rounds (each round starts with the next tool). The machine is a shared 2-core VM that other work kept busy (5-minute load average ${loadBefore.toFixed(1)} at the start of this run, ${(loadavg()[1] as number).toFixed(1)} at its end): single runs vary by 2x, and where two tools are close (run and raw spawn; pipeline, the hand-off and bash) whole runs of this benchmark put them in either order.

### (1) ${SPAWNS} sequential spawns of /bin/true, output captured, on one core (\`taskset -c 1\`)

${markdownTable(spawnTimings, '@sys/procs run')}

Spawns per second: ${spawnTimings.map((t) => rate(t, SPAWNS, '/s')).join('; ')}.

### (2) 1 GiB through \`cat FILE | wc -c\`

${markdownTable(pipeTimings, '@sys/procs pipeline')}

Throughput: ${pipeTimings.map((t) => rate(t, GIB / 1e9, 'GB/s', 2)).join('; ')}.

### (3) Pool of 2 processes, map of ${CALLS.toLocaleString('en')} small calls (square)

Start-up and the first map (Python forks its workers; Node starts two fresh processes):

${markdownTable(poolCold, '@sys/procs Pool(2).map')}

A second map on the warm pool:

${markdownTable(poolWarm, '@sys/procs Pool(2).map')}
`;
await writeSection('procs', section);
console.log(section);
