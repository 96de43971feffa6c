import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, folder } from './_run.js';

describe('pack1, unpack1, unmore, unmore2', () => {
  it('pack1 packs files to stdout and unpack1 recreates them elsewhere', async () => {
    const src = folder();
    writeFileSync(join(src, 'spam.txt'), 'spam\nSPAM\n');
    writeFileSync(join(src, 'eggs.txt'), 'eggs\n');
    const packed = await example(['pack1', 'spam.txt', 'eggs.txt'], { cwd: src });
    expect(packed.code).toBe(0);
    expect(packed.stdout).toContain('::::::spam.txt\nspam\nSPAM\n::::::eggs.txt\neggs\n');
    const dest = folder();
    const r = await example(['unpack1'], { cwd: dest, input: packed.stdout });
    expect(r.stdout).toBe('spam.txt\neggs.txt\nunpacked 2 entries\n');
    expect(readFileSync(join(dest, 'spam.txt'), 'utf8')).toBe('spam\nSPAM\n');
  });

  const rule = '::::::::::::::';
  const more = `${rule}\nx.txt\n${rule}\nhello\n${rule}\ny.txt\n${rule}\nbye\n`;

  it.each(['unmore', 'unmore2'])('%s recreates the files of more output from stdin or a file', async (name) => {
    const dest = folder();
    const r = await example([name], { cwd: dest, input: more });
    expect(r.stdout).toBe('creating "x.txt"\ncreating "y.txt"\nDone.\n');
    expect(readFileSync(join(dest, 'x.txt'), 'utf8')).toBe('hello\n');
    const again = folder();
    writeFileSync(join(again, 'f'), more);
    expect((await example([name, 'f'], { cwd: again })).code).toBe(0);
    expect(readFileSync(join(again, 'y.txt'), 'utf8')).toBe('bye\n');
  });
});
