import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  // In an empty folder: the Usage example makes the files it converts.
  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    // `output`: what the block prints is what its `// ...` comments say, line by line.
    const { dir } = await runReadmeBlock(block, { output: true });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('line\n'.repeat(12));
  });
});
