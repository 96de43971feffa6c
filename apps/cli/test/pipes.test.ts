import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { firstBytes, start } from './_child.js';
import { folder, sys } from './_sys.js';

// More output than a pipe holds (64 KiB), so every command below is still writing when the reader leaves.
let root: string;
beforeAll(async () => {
  root = folder([]);
  for (let d = 0; d < 30; d++) {
    const dir = join(root, 'tree', `directory-number-${d}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 100; f++) writeFileSync(join(dir, `a-rather-long-file-name-number-${f}.txt`), 'line\r\n');
  }
  expect((await sys(root, 'pack', 'tree', '-o', 'tree.pack')).code).toBe(0);
});

describe('a reader that stops reading (sys ... | head -1)', () => {
  it.each([
    [['find', '*', 'tree']],
    [['find', '*', 'tree', '--json']],
    [['find', '*', 'tree', '-0']],
    [['walk', 'tree']],
    [['walk', 'tree', '--json']],
    [['unpack', '--list', 'tree.pack']],
    [['eoln', 'info', 'tree']],
    [['eoln', 'check', 'tree']],
    [['bigfiles', 'tree', '--top', '5000']],
    [['pack', 'tree']],
    [['pack', 'tree', '-o', '-']],
  ])('sys %j stops quietly with exit 0', async (argv) => {
    const run = start(root, argv);
    await firstBytes(run.child.stdout, 1);
    run.child.stdout.destroy();
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toBe('');
  });
});

describe('a reader that left before anything was written', () => {
  // The whole output goes out in the last write, after the work is done: the command has its
  // answer (check: 1, files to convert) before the pipe's EPIPE can say the reader is gone.
  it('sys eoln check of a few files exits 0, with no word of the pipe', async () => {
    const small = folder([]);
    for (let f = 0; f < 5; f++) writeFileSync(join(small, `crlf-${f}.txt`), 'line\r\n');
    const run = start(small, ['eoln', 'check', '.']);
    run.child.stdout.destroy();
    expect(await run.exit).toBe(0);
    // The work was done: its summary still goes to stderr, and nothing about the pipe.
    expect(run.stderr()).toBe('would convert 5 files, skipped 0, failed 0\n');
  });
});
