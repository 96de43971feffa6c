import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    // `output`: what the block prints is what its `// ...` comments say, line by line.
    await runReadmeBlock(block, { output: true });
  });
});
