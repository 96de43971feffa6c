// pnpm bench (packages/pack): peak RSS of list() and unpack() as a pack grows from 10,000 to
// 1,000,000 entries (a tenth directories, the rest small files), each run in a fresh process.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from '@sys/bench';

const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sys-bench', 'pack-memory');
const lib = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SIZES = [10_000, 100_000, 1_000_000];

/** Writes a pack of `entries` entries, streaming, with a correct trailer. */
async function makePack(path: string, entries: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(cache, { recursive: true });
  const out = createWriteStream(`${path}.tmp`);
  const hash = createHash('sha256');
  const put = async (text: string) => {
    hash.update(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await put('::::::\tsys-pack 1\n');
  for (let i = 0; i < entries; i++) {
    const dir = `d${Math.floor(i / 10)}`;
    await put(i % 10 === 0 ? `::::::${dir}/\n` : `::::::${dir}/f${i % 10}.txt\nline ${i}\n`);
  }
  out.end(`::::::\tend entries=${entries} sha256=${hash.digest('hex')}\n`);
  await once(out, 'finish');
  execFileSync('mv', [`${path}.tmp`, path]);
}

/** Peak RSS in MiB of a fresh Node process running `code` (an ES module body using `lib`). */
function peak(code: string): number {
  const script = `import * as pack from ${JSON.stringify(lib)};\n${code}`;
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, '--max-old-space-size=16', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const out = run.stderr;
  return Math.round(Number(out.trim().split('\n').at(-1)) / 1024);
}

const rows: string[] = [];
for (const entries of SIZES) {
  const file = join(cache, `${entries}.pack`);
  await makePack(file, entries);
  const listed = peak(
    `let n = 0; for await (const _ of pack.list(${JSON.stringify(file)})) n++; if (n !== ${entries}) throw new Error('count ' + n);`,
  );
  const dest = join(cache, 'out');
  execFileSync('rm', ['-rf', dest]);
  const unpacked = peak(
    `const s = await pack.unpack(${JSON.stringify(file)}, { dest: ${JSON.stringify(dest)} }); if (s.entries !== ${entries}) throw new Error('count');`,
  );
  execFileSync('rm', ['-rf', dest]);
  rows.push(`| ${entries.toLocaleString('en')} | ${listed} MiB | ${unpacked} MiB |`);
  console.log(rows.at(-1));
}

const section = `## @sys/pack: memory as a pack grows

Peak RSS of a fresh Node process, with V8's old space capped at 16 MiB (a run that kept entries on the heap would die), running \`list()\` (every entry counted) and \`unpack()\` into an empty folder, on generated packs where one entry in ten is a directory and the rest are one-line files. Node ${process.version}.

| entries | list() | unpack() |
|---:|---:|---:|
${rows.join('\n')}
`;
await writeSection('pack-memory', section);
console.log(section);
