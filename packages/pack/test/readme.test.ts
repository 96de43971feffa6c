import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

/** What the Usage example packs: a src folder (with a pruned node_modules) and a README. */
function project(dir: string): void {
  mkdirSync(join(dir, 'src', 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'src', 'index.ts'), 'export {};\n');
  writeFileSync(join(dir, 'src', 'node_modules', 'dep.js'), '');
  writeFileSync(join(dir, 'README.md'), '# project\n');
}

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    const { dir, stdout } = await runReadmeBlock(block, { setup: project, output: true });
    expect(stdout).toContain('index.ts');
    expect(readFileSync(join(dir, 'copy', 'src', 'index.ts'), 'utf8')).toBe('export {};\n');
  });
});
