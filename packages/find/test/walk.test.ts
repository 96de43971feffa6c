import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSysError, OptionError } from '@sys/core';
import { describe, expect, it } from 'vitest';
import {
  SymlinkLoopError,
  UnreadableDirError,
  type WalkEntry,
  type WalkError,
  type WalkOptions,
  walk,
  walkSync,
} from '../dist/index.js';
import { shape, takesByteNames, tree } from './_tree.js';

async function collect(root: string, options: WalkOptions = {}, edit?: (e: WalkEntry) => void) {
  const out: WalkEntry[] = [];
  for await (const e of walk(root, options)) {
    edit?.(e);
    out.push({ ...e, dirs: [...e.dirs] });
  }
  return out;
}

function collectSync(root: string, options: WalkOptions = {}, edit?: (e: WalkEntry) => void) {
  const out: WalkEntry[] = [];
  for (const e of walkSync(root, options)) {
    edit?.(e);
    out.push({ ...e, dirs: [...e.dirs] });
  }
  return out;
}

const forms = [
  ['walk', collect],
  ['walkSync', async (...args: Parameters<typeof collectSync>) => collectSync(...args)],
] as const;

describe.each(forms)('%s', (_name, run) => {
  it('yields each directory top-down with its subdirectories and files apart', async () => {
    const root = tree(['a.txt', 'sub/b.txt', 'sub/deeper/c.txt', 'empty/']);
    const entries = await run(root);
    expect(entries[0]?.dir).toBe(root);
    expect(shape(entries, root).sort((x, y) => x.dir.localeCompare(y.dir))).toEqual([
      { dir: '.', dirs: ['empty', 'sub'], files: ['a.txt'] },
      { dir: 'empty', dirs: [], files: [] },
      { dir: 'sub', dirs: ['deeper'], files: ['b.txt'] },
      { dir: 'sub/deeper', dirs: [], files: ['c.txt'] },
    ]);
    // Pre-order: every directory comes after its parent and before its children.
    const order = entries.map((e) => e.dir);
    expect(order.indexOf(join(root, 'sub'))).toBeLessThan(order.indexOf(join(root, 'sub', 'deeper')));
  });

  it('does not enter directories the caller removes from dirs', async () => {
    const root = tree(['keep/x.txt', 'node_modules/pkg/index.js', 'keep/node_modules/y.js']);
    const entries = await run(root, {}, (e) => {
      e.dirs = e.dirs.filter((d) => d !== 'node_modules');
    });
    expect(entries.map((e) => e.dir).some((d) => d.includes('node_modules'))).toBe(false);
    expect(entries.map((e) => e.dir)).toContain(join(root, 'keep'));
  });

  it('bottom-up yields every directory after all below it', async () => {
    const root = tree(['a/b/c/file', 'a/d/file', 'e/file']);
    const order = (await run(root, { topDown: false })).map((e) => e.dir);
    expect(order.at(-1)).toBe(root);
    for (const dir of order) {
      const later = order.slice(order.indexOf(dir) + 1);
      expect(later.some((other) => other.startsWith(`${dir}/`))).toBe(false);
    }
    expect(order).toHaveLength(6);
  });

  it('lists a symlink to a directory in dirs but does not follow it by default', async () => {
    const root = tree(['real/inside.txt', 'link -> real', 'dangling -> nowhere']);
    const entries = await run(root);
    expect(shape(entries, root)[0]).toEqual({ dir: '.', dirs: ['link', 'real'], files: ['dangling'] });
    expect(entries.map((e) => e.dir)).not.toContain(join(root, 'link'));
  });

  it('lists a symlink that points at itself as a file, and walks on', async () => {
    const root = tree(['d/f.txt']);
    symlinkSync('loop', join(root, 'd', 'loop'));
    const entries = await run(root);
    expect(shape(entries, root).find((e) => e.dir === 'd')).toEqual({ dir: 'd', dirs: [], files: ['f.txt', 'loop'] });
  });

  it('follows symlinks when asked and stops at a loop with SymlinkLoopError', async () => {
    const root = tree(['real/inside.txt', 'link -> real', 'real/up -> ..']);
    const errors: unknown[] = [];
    const dirs = (await run(root, { followSymlinks: true, onError: (e) => errors.push(e) })).map((e) => e.dir);
    expect(dirs).toContain(join(root, 'link'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e instanceof SymlinkLoopError && isSysError(e))).toBe(true);
    expect(errors).toContainEqual(
      expect.objectContaining({ code: 'ERR_SYS_SYMLINK_LOOP', path: join(root, 'real', 'up') }),
    );
  });

  it('reads no deeper than maxDepth', async () => {
    const root = tree(['a/b/c/d.txt']);
    expect((await run(root, { maxDepth: 0 })).map((e) => e.dir)).toEqual([root]);
    expect((await run(root, { maxDepth: 1 })).map((e) => e.dir)).toEqual([root, join(root, 'a')]);
  });

  it('reports a root that is not a directory to onError as a SysError with path and cause, and yields nothing', async () => {
    const root = tree(['file.txt']);
    const errors: WalkError[] = [];
    expect(await run(join(root, 'file.txt'), { onError: (e) => errors.push(e) })).toEqual([]);
    expect(await run(join(root, 'missing'), { onError: (e) => errors.push(e) })).toEqual([]);
    expect(errors.every((e) => e instanceof UnreadableDirError && isSysError(e))).toBe(true);
    expect(errors.map((e) => [e.code, e.path, (e.cause as NodeJS.ErrnoException).code])).toEqual([
      ['ERR_SYS_UNREADABLE_DIR', join(root, 'file.txt'), 'ENOTDIR'],
      ['ERR_SYS_UNREADABLE_DIR', join(root, 'missing'), 'ENOENT'],
    ]);
    expect(errors[1]?.message).toBe(`${join(root, 'missing')}: no such file or directory`);
  });

  it.each([true, false])(
    'prunes directories by name pattern itself, top-down %s: not entered, not in dirs',
    async (topDown) => {
      const root = tree(['src/a.ts', 'src/node_modules/m/x.ts', 'node_modules/y.ts', '.git/config', 'docs/b.md']);
      const entries = await run(root, { topDown, prune: ['node_modules', '.g*'] });
      expect(shape(entries, root).sort((x, y) => x.dir.localeCompare(y.dir))).toEqual([
        { dir: '.', dirs: ['docs', 'src'], files: [] },
        { dir: 'docs', dirs: [], files: ['b.md'] },
        { dir: 'src', dirs: [], files: ['a.ts'] },
      ]);
    },
  );

  it('stops with the abort reason when its signal aborts', async () => {
    const root = tree(['a/x', 'b/y', 'c/z']);
    const controller = new AbortController();
    const reason = new Error('enough');
    await expect(run(root, { signal: controller.signal }, () => controller.abort(reason))).rejects.toBe(reason);
  });

  it('walks names with newlines, spaces and bytes that are not UTF-8', async () => {
    const root = tree(['line\nbreak/a.txt', 'with space/b.txt']);
    const bad = Buffer.concat([Buffer.from(`${root}/`), Buffer.from([0x66, 0xff, 0xfe, 0x6f])]);
    mkdirSync(bad);
    writeFileSync(Buffer.concat([bad, Buffer.from('/inside.txt')]), 'x');
    const entries = await run(root);
    const files = entries.flatMap((e) => e.files);
    expect(files).toEqual(expect.arrayContaining(['a.txt', 'b.txt', 'inside.txt']));
    expect(entries).toHaveLength(4);
  });

  it.skipIf(!takesByteNames)(
    'walks each of two directories whose names differ only in bytes that are not UTF-8, top-down and bottom-up',
    async () => {
      const root = tree([]);
      const at = (...bytes: number[][]) =>
        Buffer.concat([Buffer.from(root), ...bytes.flatMap((b) => [Buffer.from('/'), Buffer.from(b)])]);
      // Three names that all show as 'a\uFFFD': two directories and a file between them.
      mkdirSync(at([0x61, 0xff]));
      writeFileSync(at([0x61, 0xfd]), 'a file');
      mkdirSync(at([0x61, 0xfe]));
      writeFileSync(at([0x61, 0xff], [0x6f, 0x6e, 0x65]), '');
      writeFileSync(at([0x61, 0xfe], [0x74, 0x77, 0x6f]), '');
      for (const topDown of [true, false]) {
        const entries = await run(root, { topDown });
        expect(entries.flatMap((e) => e.files).sort()).toEqual(['a\uFFFD', 'one', 'two']);
        expect(entries.map((e) => e.dir.slice(root.length))).toHaveLength(3);
        // Each name's own bytes, by index, where the names themselves show alike.
        const top = entries.find((e) => e.dir === root);
        expect(top?.dirs).toEqual(['a\uFFFD', 'a\uFFFD']);
        expect(new Set(top?.bytePaths?.dirs.map(String))).toEqual(
          new Set([at([0x61, 0xff]), at([0x61, 0xfe])].map(String)),
        );
        expect(top?.bytePaths?.files).toEqual([at([0x61, 0xfd])]);
      }
    },
  );

  it.skipIf(!takesByteNames)(
    'gives the bytes of names that are not UTF-8 in bytePaths, and entries without such names none',
    async () => {
      const root = tree(['plain/a.txt', 'lit/x\uFFFD.txt', 'bad/']);
      const at = (...parts: (string | number[])[]) =>
        Buffer.concat([Buffer.from(root), ...parts.flatMap((p) => [Buffer.from('/'), Buffer.from(p)])]);
      writeFileSync(at('bad', [0x66, 0xff]), 'bad file');
      mkdirSync(at('bad', [0x64, 0xfe]));
      writeFileSync(at('bad', [0x64, 0xfe], 'inside.txt'), 'below a bad name');
      const entries = await run(root);
      const byDir = new Map(entries.map((e) => [e.dir.slice(root.length), e]));
      const read = (e: WalkEntry | undefined, name: string) => {
        const i = e?.files.indexOf(name) ?? -1;
        return readFileSync(e?.bytePaths?.files[i] ?? join(e?.dir ?? '', name), 'utf8');
      };
      const bad = byDir.get('/bad');
      expect(bad?.files).toEqual(['f\uFFFD']);
      expect(bad?.dirs).toEqual(['d\uFFFD']);
      expect(bad?.bytePaths).toEqual({ dirs: [at('bad', [0x64, 0xfe])], files: [at('bad', [0x66, 0xff])] });
      expect(read(bad, 'f\uFFFD')).toBe('bad file');
      expect(read(byDir.get('/bad/d\uFFFD'), 'inside.txt')).toBe('below a bad name');
      expect(read(byDir.get('/lit'), 'x\uFFFD.txt')).toBe('lit/x\uFFFD.txt');
      expect(byDir.get('/plain')).not.toHaveProperty('bytePaths');
      // Pruned, a directory's name and its bytes leave together.
      mkdirSync(at('bad', 'e'));
      const pruned = (await run(root, { prune: ['d*'] })).find((e) => e.dir === join(root, 'bad'));
      expect(pruned?.dirs).toEqual(['e']);
      expect(pruned?.bytePaths?.dirs).toEqual([at('bad', 'e')]);
    },
  );

  it('walks a tree 2,000 levels deep without recursion', async () => {
    const root = tree([]);
    const deep = join(root, ...Array(2000).fill('d'));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'bottom.txt'), '');
    const entries = await run(root);
    expect(entries).toHaveLength(2001);
    expect(entries.at(-1)?.files).toEqual(['bottom.txt']);
  });

  it('rejects a negative maxDepth with OptionError', async () => {
    await expect(run('.', { maxDepth: -1 })).rejects.toThrow(OptionError);
    await expect(run('.', { maxDepth: -1 })).rejects.toMatchObject({ code: 'ERR_SYS_OPTION', option: 'maxDepth' });
  });
});

/** True when users other than the owner may run `file`: every folder above it and the file itself. */
function othersCanRun(file: string): boolean {
  for (let p = file; p !== dirname(p); p = dirname(p)) if ((statSync(p).mode & 0o001) === 0) return false;
  return true;
}

/** A Node binary an unprivileged user can run: ours, or the system's (a cached Node 24 may sit in root's home). */
const nodeForNobody = [process.execPath, '/usr/local/bin/node', '/usr/bin/node'].find(
  (p) => existsSync(p) && othersCanRun(realpathSync(p)),
);

describe('walk errors', () => {
  it.skipIf(process.getuid?.() === 0 && nodeForNobody === undefined)(
    'goes on past a directory it may not read, reporting it (a real unprivileged process)',
    () => {
      const root = tree(['open/a.txt', 'closed/secret.txt', 'z/b.txt']);
      // The walker is copied beside the tree, where an unprivileged user may read it.
      const code = join(root, 'code');
      cpSync(fileURLToPath(new URL('../dist', import.meta.url)), code, { recursive: true });
      // And what it imports, where Node's resolution finds it.
      const core = fileURLToPath(new URL('../node_modules/@sys/core', import.meta.url));
      for (const part of ['package.json', 'dist']) {
        cpSync(join(core, part), join(code, 'node_modules', '@sys', 'core', part), {
          recursive: true,
          dereference: true,
        });
      }
      const walked = join(root, 'walked');
      for (const d of ['open/a.txt', 'closed/secret.txt', 'z/b.txt']) {
        mkdirSync(dirname(join(walked, d)), { recursive: true });
        writeFileSync(join(walked, d), '');
      }
      execFileSync('chmod', ['-R', 'a+rX', root]);
      chmodSync(join(walked, 'closed'), 0o000);
      const script = `
        const { walkSync } = await import(${JSON.stringify(join(code, 'index.js'))});
        const errors = [], dirs = [];
        for (const e of walkSync(process.argv[1], { onError: (err) => errors.push(err.cause.code) })) dirs.push(e.dir);
        console.log(JSON.stringify({ errors, dirs: dirs.length }));`;
      // As root every directory is readable: run the walk as an ordinary user.
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const out = execFileSync(nodeForNobody ?? process.execPath, ['--input-type=module', '-e', script, walked], {
        ...asNobody,
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toEqual({ errors: ['EACCES'], dirs: 3 });
    },
  );
});
