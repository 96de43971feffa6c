// pnpm bench (packages/eoln): (1) a 512 MiB CRLF file to LF, (2) 10,000 small CRLF files in place,
// against dos2unix, tr, dd (a plain copy: the floor), a Python line loop and naive Node code.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, ensureDebianTool, markdownTable, writeSection } from '@sys/bench';
import { bigFile, smallTree } from './data.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sys-bench', 'eoln');
const cli = fileURLToPath(new URL('../../../apps/cli/bin/sys.js', import.meta.url));
const node = process.execPath;
const MIB = 512;

for (const tool of ['dos2unix', 'python3']) {
  if (!ensureDebianTool(tool)) throw new Error(`the benchmark needs ${tool}`);
}
mkdirSync(cache, { recursive: true });
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const big = bigFile(join(cache, `crlf-${MIB}.txt`), MIB);
// A work folder of this run's own: two runs at once (a shared machine) must not clobber each other.
const work = join(cache, `work-${process.pid}`);
mkdirSync(work, { recursive: true });
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// Task 1: the big file. Every tool writes its own output; all must match dos2unix's bytes.
const out = (name: string) => join(work, `${name}.out`);
const inPlace = out('sys-eoln');
const inPlaceJs = out('sys-eoln-js');
const SUBJECT = 'sys eoln tounix (in place, fsync)';
const JS_PATH = 'sys eoln tounix, JS path (SYS_EOLN_SIMD=0)';
const DD_SYNC = 'dd bs=1M conv=fsync (copy, fsync)';
const TR = "tr -d '\\r'";
execFileSync('dos2unix', ['-q', '-n', big, out('reference')]);
const reference = sha(out('reference'));
const outputs = new Map<string, string>();
// Before each run the other tools' outputs go: most are written without fsync, and the disk
// writing them back in the background would slow whichever tool runs next. Each tool still
// meets its own output of the round before (dd and tr truncate it, as they would in use).
const othersGone = (name: string) => {
  for (const [other, file] of outputs) if (other !== name) rmSync(file, { force: true });
};
const contender = (name: string, file: string, cmd: string[], reset?: () => void) => {
  outputs.set(name, file);
  return {
    name,
    cmd,
    reset: () => {
      othersGone(name);
      reset?.();
    },
  };
};
const fileTimings = await compare({
  title: `${MIB} MiB CRLF -> LF`,
  subject: SUBJECT,
  rounds: 5,
  contenders: [
    contender(SUBJECT, inPlace, [node, cli, 'eoln', 'tounix', inPlace], () => copyFileSync(big, inPlace)),
    // The same command with the WebAssembly SIMD kernels switched off: what they are worth.
    {
      ...contender(JS_PATH, inPlaceJs, [node, cli, 'eoln', 'tounix', inPlaceJs], () => copyFileSync(big, inPlaceJs)),
      env: { SYS_EOLN_SIMD: '0' },
    },
    contender('createConverter stream', out('stream'), [node, join(here, 'contenders/stream.mjs'), big, out('stream')]),
    contender(DD_SYNC, out('ddsync'), ['dd', `if=${big}`, `of=${out('ddsync')}`, 'bs=1M', 'conv=fsync', 'status=none']),
    contender('dd bs=1M (plain copy)', out('dd'), ['dd', `if=${big}`, `of=${out('dd')}`, 'bs=1M', 'status=none']),
    contender(TR, out('tr'), ['sh', '-c', `tr -d '\\r' < '${big}' > '${out('tr')}'`]),
    contender('dos2unix -n', out('dos2unix'), ['dos2unix', '-q', '-n', big, out('dos2unix')]),
    contender('python3 line loop', out('python'), ['python3', join(here, 'contenders/pylines.py'), big, out('python')]),
  ],
  check(name) {
    const file = outputs.get(name) as string;
    if (name.startsWith('dd ')) return; // the floors copy bytes, they convert nothing
    if (sha(file) !== reference) throw new Error(`${name} wrote different bytes than dos2unix`);
  },
});
console.log(markdownTable(fileTimings, SUBJECT)); // now, in case the second task fails
const medianOf = (name: string) => fileTimings.find((t) => t.name === name)?.medianMs ?? Number.NaN;
const times = (a: string, b: string) => (medianOf(a) / medianOf(b)).toFixed(2);
const naive = spawnSync(node, [join(here, 'contenders/naive.mjs'), big, out('naive')], { encoding: 'utf8' });
const naiveNote =
  naive.status === 0
    ? 'succeeded'
    : `fails: ${naive.stderr
        .split('\n')
        .find((l) => /Error/.test(l))
        ?.trim()}`;
copyFileSync(big, inPlace);
const rss = spawnSync('/usr/bin/time', ['-f', '%M', node, cli, 'eoln', 'tounix', inPlace], { encoding: 'utf8' });
const peakMiB = (Number(rss.stderr.trim().split('\n').at(-1)) / 1024).toFixed(0);

// Task 2: 10,000 small files converted in place; each round starts from a fresh copy.
const original = join(cache, 'tree-original');
if (!existsSync(join(original, '.complete'))) {
  rmSync(original, { recursive: true, force: true });
  smallTree(original, 10_000);
  execFileSync('touch', [join(original, '.complete')]);
}
const tree = join(work, 'tree');
// Each round's copy is new and the last one is moved aside, not deleted (all go at exit): on
// ext4 without a journal, creating files soon after thousands were deleted is slow for every
// tool, and the bench would measure the disk's memory of the last round, not the tools.
const used = join(work, 'used');
mkdirSync(used, { recursive: true });
let copies = 0;
const restore = () => {
  if (existsSync(tree)) renameSync(tree, join(used, `tree-${copies}`));
  const fresh = join(work, `fresh-${++copies}`);
  execFileSync('cp', ['-a', original, fresh]);
  rmSync(join(fresh, '.complete'));
  renameSync(fresh, tree);
};
const treeHash = () =>
  execFileSync('sh', ['-c', `cd '${tree}' && find . -type f | sort | xargs sha256sum | sha256sum`], {
    encoding: 'utf8',
  });
restore();
execFileSync('sh', ['-c', `find '${tree}' -type f -exec dos2unix -q {} +`]);
const treeReference = treeHash();
const TREE_SUBJECT = 'sys eoln tounix DIR';
const DOS2UNIX_TREE = 'find -exec dos2unix {} +';
const FLOOR = 'floor: create + rename per file (Node, nothing written)';
const treeTimings = await compare({
  title: '10,000 small files in place',
  subject: TREE_SUBJECT,
  rounds: 5,
  contenders: [
    { name: TREE_SUBJECT, cmd: [node, cli, 'eoln', 'tounix', tree], reset: restore },
    { name: FLOOR, cmd: [node, join(here, 'contenders/createfloor.mjs'), tree], reset: restore },
    {
      name: DOS2UNIX_TREE,
      cmd: ['sh', '-c', `find '${tree}' -type f -exec dos2unix -q {} +`],
      reset: restore,
    },
    {
      name: 'Node sync loop (readFile/replace/writeFile)',
      cmd: [node, join(here, 'contenders/nodeloop.mjs'), tree],
      reset: restore,
    },
  ],
  check(name) {
    if (name === FLOOR) return; // it converts nothing: it only measures what each file's replacement costs
    if (treeHash() !== treeReference) throw new Error(`${name} left different bytes than dos2unix`);
  },
});
const treeMedian = (name: string) => treeTimings.find((t) => t.name === name)?.medianMs ?? Number.NaN;
const treeTimes = (a: string, b: string) => (treeMedian(a) / treeMedian(b)).toFixed(2);

const section = `## @sys/eoln

Node ${process.version}. Outputs are checked byte-identical to dos2unix's. The machine's disk is shared: absolute times drift, ratios measured in the same rounds hold better.

### ${MIB} MiB of random printable CRLF lines (0-200 characters) to LF

${markdownTable(fileTimings, SUBJECT)}

\`sys eoln\` converts in place: it writes a temp file, fsyncs it and renames it over the original; the others only write a copy, and of them only \`dd conv=fsync\` fsyncs. Before each run the other tools' outputs are deleted, so no tool waits on the disk writing back another's. It reads each 1 MiB chunk straight into the memory of a WebAssembly SIMD kernel, which finds CRs, compacts CRLF to LF and counts endings there in one pass, 16 bytes a step, and writes it from there; the temp file is fdatasynced in the background every 32 MiB, so the last fsync has little left; the JS-path row is the same command with the kernel switched off (${times(JS_PATH, SUBJECT)}× its time). Issue 13's goals, this run: ${times(SUBJECT, DD_SYNC)}× \`dd bs=1M conv=fsync\` (goal ≤ 1.5), tr takes ${times(TR, SUBJECT)}× as long (goal ≥ 1.5). Peak memory of \`sys eoln tounix\` on this file: ${peakMiB} MiB RSS (Node itself starts at about 40). Naive Node (\`readFileSync\` to a string, \`replaceAll\`, write): ${naiveNote}.

### 10,000 small CRLF files (200 B - 2 KB) converted in place

${markdownTable(treeTimings, TREE_SUBJECT)}

Each run starts from a fresh copy of the tree, made in a new folder (the last copy is moved aside, and nothing is deleted until the end: files created soon after thousands were deleted are slow to make here, for every tool). \`sys eoln\` replaces each file crash-safely: a temp file beside it, fsynced, renamed over it; dos2unix writes a temp file and renames it too, without fsync. The floor row does only what any such scheme must: create one file per file and rename it over the original (single-threaded, nothing read or written). Issue 24's goal: at least level with \`find -exec dos2unix\` (which does not fsync), still crash-safe; this run: dos2unix takes ${treeTimes(DOS2UNIX_TREE, TREE_SUBJECT)}× our time, and the floor alone takes ${treeTimes(FLOOR, DOS2UNIX_TREE)}× dos2unix's. Where the disk is ext4 without a journal (as on the machine this was tuned on), allocating an inode steps over every inode freed in the last minutes, and each run frees 10,000 (every tool renames a new file over each old one): 0.2-0.5 ms of system time per create, for every tool here.
`;
await writeSection('eoln', section);
console.log(section);
