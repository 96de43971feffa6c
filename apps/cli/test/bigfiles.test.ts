import { describe, expect, it } from 'vitest';
import { folder, sys } from './_sys.js';

describe('sys bigfiles', () => {
  // folder() writes as many bytes as the path is long.
  const root = folder(['a', 'bb/cccccccc', 'bb/ddd.log', 'eeeee.log', 'skip/fffffffffffffffffff']);

  it('prints SIZE<TAB>PATH, largest first', async () => {
    const r = await sys(root, 'bigfiles', '.', '--top', '3', '--prune', 'skip');
    expect(r).toMatchObject({ code: 0, stdout: '11\t./bb/cccccccc\n10\t./bb/ddd.log\n9\t./eeeee.log\n' });
  });

  it('keeps to names matching --pattern and prints JSON with --json', async () => {
    const r = await sys(root, 'bigfiles', 'bb', '--pattern', '*.log', '--json');
    expect(r.stdout).toBe('{"size":10,"path":"bb/ddd.log"}\n');
  });

  it('refuses a missing root with exit 2', async () => {
    expect(await sys(root, 'bigfiles', 'nope')).toMatchObject({
      code: 2,
      stderr: 'sys bigfiles: nope: no such file or directory\n',
    });
  });
});
