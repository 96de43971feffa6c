import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

/** The chapter's testexit_sys.py, and a git repository for `git status` to look at. */
function files(dir: string): void {
  writeFileSync(join(dir, 'testexit_sys.py'), "import sys\nprint('Bye sys world')\nsys.exit(42)\n");
  execFileSync('git', ['init', '-q'], { cwd: dir });
}

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    // `output`: what the block prints is what its `// ...` comments say, line by line.
    await runReadmeBlock(block, { setup: files, output: true });
  });
});
