// pnpm bench (packages/pack): pack 20,000 text files, then unpack them into an empty folder,
// against GNU tar, node-tar and a Python script in the chapter's pack1 style; checked with diff -r.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, markdownTable, writeSection } from '@sys/bench';

const here = fileURLToPath(new URL('.', import.meta.url));
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sys-bench', 'pack');
const cli = fileURLToPath(new URL('../../../apps/cli/bin/sys.js', import.meta.url));
const node = process.execPath;
const FILES = 20_000;

/** Seeded text: lines of printable characters, 100 B to 4 KB a file. */
function makeTree(root: string): void {
  if (existsSync(join(root, '.complete'))) return;
  rmSync(root, { recursive: true, force: true });
  let state = 99;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, 'tree', `d${Math.floor(i / 20)}`);
    if (i % 20 === 0) mkdirSync(dir, { recursive: true });
    const size = 100 + (next() % 4000);
    const chars: number[] = [];
    while (chars.length < size) chars.push(next() % 50 === 0 ? 10 : 32 + (next() % 95));
    chars.push(10);
    writeFileSync(join(dir, `f${i}.txt`), Buffer.from(chars));
  }
  writeFileSync(join(root, '.complete'), '');
}

function peers(): string {
  const dir = join(cache, 'peers');
  if (!existsSync(join(dir, 'node_modules', 'tar'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
    execFileSync('npm', ['install', '--silent', 'tar@7'], { cwd: dir, stdio: 'inherit' });
  }
  copyFileSync(join(here, 'contenders/nodetar.mjs'), join(dir, 'nodetar.mjs'));
  return dir;
}

const src = join(cache, 'src');
makeTree(src);
const peerDir = peers();
const work = join(cache, 'work');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const archive = (name: string) => join(work, name);
const py = join(here, 'contenders/pypack.py');
const floor = join(here, 'contenders/floor.mjs');
// What the unpack floor makes: every file's path and size.
const manifest = join(work, 'manifest.txt');
writeFileSync(
  manifest,
  readdirSync(join(src, 'tree'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${join(e.parentPath, e.name).slice(src.length + 1)}\t${statSync(join(e.parentPath, e.name)).size}\n`)
    .join(''),
);

const packTimings = await compare({
  title: 'pack 20,000 files',
  subject: 'sys pack',
  rounds: 7,
  contenders: [
    { name: 'sys pack', cmd: [node, cli, 'pack', join(src, 'tree'), '-o', archive('sys.pack')] },
    { name: 'GNU tar cf', cmd: ['tar', 'cf', archive('gnu.tar'), '-C', src, 'tree'] },
    { name: 'node-tar c (sync)', cmd: [node, join(peerDir, 'nodetar.mjs'), 'c', archive('node.tar'), src, 'tree'] },
    { name: 'python3 pack1-style', cmd: ['python3', py, 'c', archive('py.pack'), src, 'tree'] },
    {
      name: 'floor: Node reads every file, no format',
      cmd: [node, floor, 'read', join(src, 'tree'), archive('floor')],
    },
  ],
});

// Each run unpacks into a folder never used before, reached through a fixed symlink: on ext4
// without a journal, deleting 20,000 files makes creating files slow for minutes after (the
// allocator steps over recently freed inodes), and whichever tool ran next would pay for it.
// The folders are deleted once all the rounds are done.
const dest = (name: string) => join(work, `out-${name}`);
const outs = join(work, 'outs');
let made = 0;
const fresh = (name: string) => () => {
  const folder = join(outs, `${name}-${made++}`);
  mkdirSync(folder, { recursive: true });
  rmSync(dest(name), { force: true });
  symlinkSync(folder, dest(name));
};
const unpackTimings = await compare({
  title: 'unpack 20,000 files',
  subject: 'sys unpack',
  rounds: 7,
  contenders: [
    { name: 'sys unpack', cmd: [node, cli, 'unpack', archive('sys.pack'), '-C', dest('sys')], reset: fresh('sys') },
    { name: 'GNU tar xf', cmd: ['tar', 'xf', archive('gnu.tar'), '-C', dest('gnu')], reset: fresh('gnu') },
    {
      name: 'node-tar x (sync)',
      cmd: [node, join(peerDir, 'nodetar.mjs'), 'x', archive('node.tar'), dest('node')],
      reset: fresh('node'),
    },
    { name: 'python3 unpack1-style', cmd: ['python3', py, 'x', archive('py.pack'), dest('py')], reset: fresh('py') },
    {
      name: 'floor: Node makes every file, no format',
      cmd: [node, floor, 'write', manifest, dest('floor')],
      reset: fresh('floor'),
    },
  ],
  check(name) {
    if (name.startsWith('floor')) return; // same names and sizes, other bytes
    const key = {
      'sys unpack': 'sys',
      'GNU tar xf': 'gnu',
      'node-tar x (sync)': 'node',
      'python3 unpack1-style': 'py',
    }[name] as string;
    execFileSync('diff', ['-r', join(src, 'tree'), join(dest(key), 'tree')]);
  },
});
rmSync(outs, { recursive: true, force: true });

// Memory as the tree grows: the same pack and unpack on a tenth of the tree and on all of it.
const peak = (args: string[]) => {
  const r = execFileSync(
    'sh',
    ['-c', `/usr/bin/time -f %M ${args.map((a) => `'${a}'`).join(' ')} 2>&1 >/dev/null | tail -1`],
    {
      encoding: 'utf8',
    },
  );
  return Math.round(Number(r.trim()) / 1024);
};
// With V8's old space capped, a run that held the tree in memory would die; these must finish.
const capped = [node, '--max-old-space-size=16', cli];
const small = join(src, 'tree', 'd0');
const packSmall = peak([...capped, 'pack', small, '-o', archive('small.pack')]);
const packAll = peak([...capped, 'pack', join(src, 'tree'), '-o', archive('all.pack')]);
rmSync(dest('mem'), { recursive: true, force: true });
const unpackAll = peak([...capped, 'unpack', archive('all.pack'), '-C', dest('mem')]);
const sizes = `${(statSync(archive('sys.pack')).size / 2 ** 20).toFixed(1)} MiB pack, ${(statSync(archive('gnu.tar')).size / 2 ** 20).toFixed(1)} MiB tar`;

const section = `## @sys/pack

${FILES.toLocaleString('en')} text files (100 B - 4 KB, 20 to a folder; ${sizes}). Node ${process.version}. Every unpack is checked with \`diff -r\` against the source tree. Creating files is slow and drifts on this machine, so each round runs every tool once, in turn, each time into a folder never used before (nothing is deleted until all rounds are done: on ext4 without a journal, files created soon after many were deleted are slow to make).

### Pack

${markdownTable(packTimings, 'sys pack')}

### Unpack

${markdownTable(unpackTimings, 'sys unpack')}

The floor rows are Node doing only the calls that packing or unpacking this tree cannot do without, and no format (\`bench/contenders/floor.mjs\`): reading every file (open, fstat, read, close) and writing and hashing its bytes; making every directory and file (mkdir, open, write, close) from one buffer. What lies between a floor and GNU tar is Node's own cost per call and its start; what lies between \`sys\` and the floor is ours.

Memory, run with V8's old space capped at 16 MiB (so nothing grows with the tree on the heap): peak RSS of \`sys\` pack 20 files ${packSmall} MiB, pack ${FILES.toLocaleString('en')} files ${packAll} MiB, unpack them ${unpackAll} MiB (RSS includes V8's young generation and file buffers not yet collected).
`;
await writeSection('pack', section);
console.log(section);
