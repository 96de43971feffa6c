import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

/** A small tree the Usage example walks: Python files under src, one in a pruned folder. */
function tree(dir: string): void {
  mkdirSync(join(dir, 'src', 'pkg'), { recursive: true });
  mkdirSync(join(dir, 'src', 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'src', 'main.py'), 'print("hi")\n');
  writeFileSync(join(dir, 'src', 'pkg', 'util.py'), 'x = 1\n'.repeat(100));
  writeFileSync(join(dir, 'src', 'node_modules', 'vendored.py'), 'y = 2\n');
}

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    const { stdout } = await runReadmeBlock(block, { setup: tree, output: true });
    expect(stdout).toContain(join('src', 'pkg', 'util.py'));
  });
});
