import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  /** What each block prints that shows it worked, by what it is about. */
  const expected = (code: string) =>
    code.includes('pathText(') ? '/t/b\uFFFD b\uFFFD\n<Buffer 2f 74> <Buffer 2f 74 2f 78>' : 'ERR_SYS_WIDGET /tmp/w';

  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    const { stdout } = await runReadmeBlock(block);
    expect(stdout).toContain(expected(block.code));
  });
});
