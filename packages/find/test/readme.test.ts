import { readmeBlocks, runReadmeBlock, unmatchedOutputComments } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  // In an empty folder: the Usage example makes the tree it walks.
  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    const { stdout } = await runReadmeBlock(block);
    expect(unmatchedOutputComments(block.code, stdout)).toEqual([]);
    expect(stdout).toContain('src/pkg/util.py');
  });
});
