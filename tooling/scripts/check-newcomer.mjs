// The newcomer's path, as CI walks it: every public package packed with pnpm, then each one
// installed alone with npm (its tarball and its @sys dependencies' tarballs, the rest from the
// registry) into an empty folder, where the first runnable ```ts block of its README runs as
// pasted (TypeScript through tsx) and must print what its `// output` comments say.
// Exits 1 when any package fails.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, runBlockIn } from '../config/blocks.js';
import { npmInstall, packAll, scratch, tarballsFor } from './_packs.mjs';

const work = scratch('sys-newcomer-');
const packs = packAll(join(work, 'tarballs'));
let failed = 0;

for (const [name, { dir }] of packs) {
  const [block] = readmeBlocks(join(dir, 'README.md')).filter((b) => b.run);
  const folder = join(work, name.replace('@sys/', ''));
  try {
    if (!block) throw new Error('its README has no runnable ```ts block');
    npmInstall(folder, tarballsFor(name, packs));
    // Fails unless the block printed, line by line, what its output comments say.
    await runBlockIn(block, folder, { timeout: 60_000, output: true });
    console.log(`ok    ${name}: installed alone, README.md:${block.line} printed what it says`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name}: ${error instanceof Error ? error.message : error}`);
  }
}
rmSync(work, { recursive: true, force: true });
if (failed) {
  console.log(`${failed} package(s) failed`);
  process.exit(1);
}
