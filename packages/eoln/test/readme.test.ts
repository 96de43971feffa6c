import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const blocks = readmeBlocks(new URL('../README.md', import.meta.url));

/** The files the Usage example reads: a CRLF note, two small trees, a stream input. */
function files(dir: string): void {
  writeFileSync(join(dir, 'notes.txt'), 'line\r\n'.repeat(12));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 1;\r\n');
  writeFileSync(join(dir, 'docs', 'b.md'), '# b\r\n\r\ntext\r\n');
  writeFileSync(join(dir, 'in.txt'), 'one\ntwo\n');
}

describe('README', () => {
  it('shows TypeScript usage', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    // `output`: what the block prints is what its `// ...` comments say, line by line.
    const { dir } = await runReadmeBlock(block, { setup: files, output: true });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('line\n'.repeat(12));
  });
});
