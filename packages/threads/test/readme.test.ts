import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';

const readme = new URL('../README.md', import.meta.url);
const blocks = readmeBlocks(readme);
// The worker files the README shows (```js blocks starting `// NAME.js`) are written beside each block.
const workerFiles = [...readFileSync(readme, 'utf8').matchAll(/```js\n\/\/ ([\w-]+\.js)\n([\s\S]*?)```/g)];

describe('README', () => {
  it('shows TypeScript usage, and the worker files it uses', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
    expect(workerFiles.map((m) => m[1])).toContain('adder.js');
  });

  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    // `output`: what the block prints is what its `// ...` comments say, line by line.
    await runReadmeBlock(block, {
      output: true,
      setup(dir: string) {
        for (const [, name, code] of workerFiles) writeFileSync(join(dir, name as string), code as string);
      },
    });
  });
});
