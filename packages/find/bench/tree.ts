// Generates the benchmark tree, seeded so every run and every machine gets the same one.
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shape of the tree, as the issue asks: ~100k files in ~10k dirs, depth <= 7. */
export const SHAPE = { files: 100_000, dirs: 10_000, maxDepth: 7, bigFiles: 5 } as const;

const EXTENSIONS = ['py', 'ts', 'js', 'md', 'txt', 'json', 'c', 'h', 'rs', 'go', 'png', 'csv'];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Creates the tree under `root` unless a finished one is there; returns `root`. */
export function makeTree(root: string, seed = 42): string {
  const done = join(root, '.complete');
  if (existsSync(done)) return root;
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const name = (prefix: string) => `${rand() < 0.01 ? '.' : ''}${prefix}${Math.floor(rand() * 1e9).toString(36)}`;
  mkdirSync(root, { recursive: true });
  const dirs: { path: string; depth: number }[] = [{ path: root, depth: 0 }];
  while (dirs.length < SHAPE.dirs) {
    const parent = pick(dirs);
    if (parent.depth >= SHAPE.maxDepth) continue;
    const path = join(parent.path, name('d'));
    mkdirSync(path);
    dirs.push({ path, depth: parent.depth + 1 });
  }
  for (let i = 0; i < SHAPE.files; i++) {
    const dir = pick(dirs).path;
    writeFileSync(join(dir, `${name('f')}.${pick(EXTENSIONS)}`), 'x'.repeat(Math.floor(rand() * 2048)));
  }
  for (let i = 0; i < SHAPE.bigFiles; i++) {
    // Sparse: several MB of size without several MB of writing.
    const fd = openSync(join(pick(dirs).path, `${name('big')}.bin`), 'w');
    ftruncateSync(fd, (3 + i) * 1024 * 1024 + i);
    closeSync(fd);
  }
  writeFileSync(done, '');
  return root;
}
