// pnpm bench (apps/cli): does the CLI's memory stay flat as it prints 10k, 100k and 1M lines, and
// how soon does it stop when its reader leaves (`| head -1`)? Against GNU find on the same trees.
import { execFileSync, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, markdownTable, writeSection } from '@sys/bench';

const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sys-bench', 'cli');
const cli = fileURLToPath(new URL('../bin/sys.js', import.meta.url));
const node = process.execPath;
const SIZES = [10_000, 100_000, 1_000_000];

/** A tree of `files` empty files, 1,000 to a folder; made once and kept in the cache. */
function tree(files: number): string {
  const root = join(cache, `tree-${files}`);
  if (existsSync(`${root}.complete`)) return root;
  for (let i = 0; i < files; i++) {
    const dir = join(root, `d${String(Math.floor(i / 1000)).padStart(4, '0')}`);
    if (i % 1000 === 0) mkdirSync(dir, { recursive: true });
    closeSync(openSync(join(dir, `file-${String(i % 1000).padStart(4, '0')}.txt`), 'w'));
  }
  writeFileSync(`${root}.complete`, '');
  return root;
}

/** A pack in the chapter's pack1 form with `entries` small files (list reads it without a trailer). */
async function pack1(entries: number): Promise<string> {
  const path = join(cache, `${entries}.pack1`);
  if (existsSync(path)) return path;
  mkdirSync(cache, { recursive: true });
  const out = createWriteStream(`${path}.tmp`);
  for (let i = 0; i < entries; i++) {
    if (!out.write(`::::::d${Math.floor(i / 1000)}/f${i}.txt\nline ${i}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  execFileSync('mv', [`${path}.tmp`, path]);
  return path;
}

/** Peak RSS in MiB of `sys ARGS` writing into a pipe that `wc -l` reads; checks the line count. */
function peak(args: string[], lines: number, heapCap?: number): number {
  const stats = join(cache, 'time.out');
  const cap = heapCap ? [`--max-old-space-size=${heapCap}`] : [];
  const quoted = [node, ...cap, cli, ...args].map((a) => `'${a}'`).join(' ');
  const run = spawnSync('sh', ['-c', `/usr/bin/time -f %M -o '${stats}' ${quoted} | wc -l`], { encoding: 'utf8' });
  if (Number(run.stdout.trim()) !== lines) throw new Error(`sys ${args.join(' ')}: ${run.stdout} lines\n${run.stderr}`);
  return Math.round(Number(readFileSync(stats, 'utf8').trim().split('\n').at(-1)) / 1024);
}

const rows: string[] = [];
for (const files of SIZES) {
  const root = tree(files);
  const listed = await pack1(files);
  // find prints the folders too; walk prints a [DIR] line for each and one for the root.
  const dirs = Math.ceil(files / 1000);
  const find = peak(['find', '*', root], files + dirs);
  const findCapped = peak(['find', '*', root, '--json'], files + dirs, 32);
  const walk = peak(['walk', root], files + dirs + 1, 32);
  const list = peak(['unpack', '--list', listed], files, 32);
  rows.push(`| ${files.toLocaleString('en')} | ${find} MiB | ${findCapped} MiB | ${walk} MiB | ${list} MiB |`);
}

const big = tree(1_000_000);
const stop = await compare({
  title: 'first line of 1,001,000, then the reader leaves',
  subject: 'sys find, read by head -1',
  rounds: 7,
  contenders: [
    { name: 'sys find, read by head -1', cmd: ['sh', '-c', `'${node}' '${cli}' find '*' '${big}' | head -1`] },
    { name: 'GNU find, read by head -1', cmd: ['sh', '-c', `find '${big}' | head -1`] },
    {
      name: 'sys find, all of it into /dev/null',
      cmd: ['sh', '-c', `'${node}' '${cli}' find '*' '${big}' > /dev/null`],
    },
  ],
});

const section = `## @sys/cli

Memory while printing: peak RSS of the \`sys\` process writing into a pipe read by \`wc -l\` (line counts checked), on trees of empty files, 1,000 to a folder, and on packs in the chapter's pack1 form. The last three columns run with V8's old space capped at 32 MiB: a CLI that kept its output, or a walk that ran ahead of a slow reader, would die there. Node ${process.version}, itself about 40 MiB.

| lines | find | find --json (capped) | walk (capped) | unpack --list (capped) |
|---:|---:|---:|---:|---:|
${rows.join('\n')}

### Stopping when the reader leaves

${markdownTable(stop, 'sys find, read by head -1')}

GNU find dies of SIGPIPE at its first write after \`head\` has gone; \`sys\` learns of it at its next chunk of output (at most 50 ms after the first line) and exits 0. Both include their start-up (Node's is most of ours).
`;
await writeSection('cli', section);
console.log(section);
