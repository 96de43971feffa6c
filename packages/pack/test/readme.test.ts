import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, runReadmeBlock, unmatchedOutputComments } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  // In an empty folder: the Usage example makes the files it packs.
  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    const { dir, stdout } = await runReadmeBlock(block);
    expect(unmatchedOutputComments(block.code, stdout)).toEqual([]);
    const copied = (path: string) => readFileSync(join(dir, 'copy', path), 'utf8');
    expect(copied('src/index.ts')).toBe(readFileSync(join(dir, 'src', 'index.ts'), 'utf8'));
  });
});
