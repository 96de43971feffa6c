import { describe, expect, it } from 'vitest';
import { folder, sortedLines, sys, sysBin } from './_sys.js';

describe('sys find', () => {
  const root = folder(['a.py', '.b.py', 'src/c.py', 'src/d.txt', 'node_modules/e.py', 'lib/', 'link -> src']);

  it('prints matching paths under the root as typed, one a line', async () => {
    const r = await sys(root, 'find', '*.py', '.');
    expect(r.code).toBe(0);
    expect(sortedLines(r.stdout)).toEqual(['./.b.py', './a.py', './node_modules/e.py', './src/c.py']);
  });

  it('takes the current folder when no root is given, and relative roots from the caller', async () => {
    expect(sortedLines((await sys(root, 'find', '*.py')).stdout)).toContain('./src/c.py');
    expect((await sys(root, 'find', '*.py', 'src')).stdout).toBe('src/c.py\n');
  });

  it('prunes, filters by type and depth, and sorts', async () => {
    expect((await sys(root, 'find', '*', '.', '--prune', 'node_modules', '--prune', 'src', '--sort')).stdout).toBe(
      './.b.py\n./a.py\n./lib\n./link\n',
    );
    expect((await sys(root, 'find', '*', '.', '--type', 'd', '--sort')).stdout).toBe('./lib\n./node_modules\n./src\n');
    expect((await sys(root, 'find', '*', '.', '--type', 'l')).stdout).toBe('./link\n');
    expect(sortedLines((await sys(root, 'find', '*.py', '.', '--max-depth', '1')).stdout)).toEqual([
      './.b.py',
      './a.py',
    ]);
  });

  it('matches a glob on the relative path with --glob, and follows links with --follow', async () => {
    expect((await sys(root, 'find', 'src/**/*.py', '.', '--glob')).stdout).toBe('./src/c.py\n');
    expect(sortedLines((await sys(root, 'find', 'c.py', '.', '--follow')).stdout)).toEqual([
      './link/c.py',
      './src/c.py',
    ]);
  });

  it('ends paths with NUL for -0 and prints JSON lines for --json', async () => {
    expect((await sys(root, 'find', 'c.py', 'src', '-0')).stdout).toBe('src/c.py\0');
    const r = await sys(root, 'find', 'src', '.', '--json');
    expect(JSON.parse(r.stdout)).toEqual({ path: './src', type: 'dir' });
  });

  it('reports a missing root on stderr, exits 2, and still searches the others', async () => {
    const r = await sysBin(root, ['find', '*.py', 'missing', 'src']);
    expect(r).toEqual({ code: 2, stdout: 'src/c.py\n', stderr: 'sys find: missing: no such file or directory\n' });
  });

  it.each([
    [['find'], 'missing PATTERN'],
    [['find', '*', '--type', 'x'], "--type wants f, d or l, not 'x'"],
    [['find', '*', '--max-depth=-1'], "--max-depth wants a whole number of at least 0, not '-1'"],
    [['find', '*', '--max-depth', '-1'], "--max-depth wants a whole number of at least 0, not '-1'"],
    [['find', '*', '--max-depth'], '--max-depth needs a value'],
    [['find', '*', '--follow=yes'], '--follow takes no value'],
    [['find', '*', '--bogus'], "unknown option '--bogus'"],
    [['find', '*', '-x'], "unknown option '-x'"],
  ])('refuses bad usage %j with exit 2 and one line', async (argv, message) => {
    const r = await sys(root, ...argv);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(`sys find: ${message} (see 'sys find --help')\n`);
  });

  it('has --help', async () => {
    const r = await sys(root, 'find', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sys find PATTERN \[ROOT\.\.\.\]/);
  });
});
