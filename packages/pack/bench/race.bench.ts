// pnpm bench (packages/pack): 1,000 unpacks into a destination where another process swaps a
// directory and a symlink to outside as fast as it can (renameat2 RENAME_EXCHANGE): none may escape.
import { lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeSection } from '@sys/bench';
import { UnsafePathError, unpack } from '../src/index.js';
import { chunked, craft } from '../test/_packs.js';
import { startSwapper } from '../test/_race.js';

const TRIALS = 1_000;
const FILES = 100;
const root = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sys-bench', 'pack-race');
rmSync(root, { recursive: true, force: true });
const dest = join(root, 'dest');
const canary = join(root, 'canary');
mkdirSync(join(dest, 'd'), { recursive: true });
mkdirSync(canary);
symlinkSync('../canary', join(dest, 'swap'));

const body = Array.from({ length: FILES }, (_, i) => `::::::d/f${i}.txt\n${i}\n`).join('');
const packed = craft(`::::::d/\n${body}`, FILES + 1);
const stop = await startSwapper(join(dest, 'd'), join(dest, 'swap'));
let landed = 0;
let refused = 0;
const started = performance.now();
try {
  for (let trial = 0; trial < TRIALS; trial++) {
    try {
      await unpack(chunked(packed), { dest, force: true });
      landed++;
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error;
      refused++;
    }
  }
} finally {
  stop();
}
const seconds = (performance.now() - started) / 1000;
const escaped = readdirSync(canary).length;
const real = ['d', 'swap'].map((n) => join(dest, n)).find((p) => !lstatSync(p).isSymbolicLink()) as string;
const inPlace = readdirSync(real).length;
rmSync(root, { recursive: true, force: true });

const section = `## @sys/pack: unpack against a concurrent swapper

${TRIALS.toLocaleString('en')} unpacks (with \`force\`) of a pack of ${FILES} files in \`d/\`, into a destination where another process swaps \`d\` and a symlink to a canary folder outside with \`renameat2(RENAME_EXCHANGE)\` in a tight loop, for the whole run (${seconds.toFixed(1)} s). Node ${process.version}, ${process.platform}.

| trials | unpacked | refused (a symlink met in the way) | files that escaped into the canary | files in the real \`d\` |
|---:|---:|---:|---:|---:|
| ${TRIALS} | ${landed} | ${refused} | **${escaped}** | ${inPlace} |
`;
await writeSection('pack-race', section);
console.log(section);
if (escaped > 0) process.exitCode = 1;
