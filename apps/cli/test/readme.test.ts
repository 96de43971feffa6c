import { readFileSync } from 'node:fs';
import { readmeBlocks, runReadmeBlock } from '@sys/config/readme-blocks';
import { describe, expect, it } from 'vitest';
import { commands } from '../dist/commands.js';

const readme = new URL('../README.md', import.meta.url);
const blocks = readmeBlocks(readme);

describe('README', () => {
  it('shows TypeScript usage of the API', () => {
    expect(blocks.filter((b) => b.run).length).toBeGreaterThan(0);
  });

  it.each(blocks.filter((b) => b.run))('runs the ```ts block at line $line', async (block) => {
    await runReadmeBlock(block, { output: true });
  });

  it('lists every error class the CLI exports', async () => {
    const text = readFileSync(readme, 'utf8');
    const exported = Object.entries(await import('../dist/main.js'))
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
      .map(([name]) => name);
    expect(exported.length).toBeGreaterThan(0);
    for (const name of exported) expect(text).toContain(`| \`${name}\` | \`ERR_SYS_`);
  });

  it('has a row for every command', () => {
    const text = readFileSync(readme, 'utf8');
    for (const c of commands) expect(text).toContain(`| \`sys ${c.name}`);
  });
});
