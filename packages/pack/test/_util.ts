import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { tempDir } from '@sys/config/temp-dirs';
import { type PackOptions, pack } from '../dist/index.js';

export { chunked, craft } from './_packs.js';

/** A fresh temp folder, removed after the test file. */
export const folder = (): string => tempDir('sys-pack-');

/** Packs into memory. */
export async function packToBuffer(paths: string[], options: PackOptions = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await pack(paths, out, options);
  out.end();
  return Buffer.concat(chunks);
}

/** Everything about a tree that a pack must keep: types, bytes, modes, link targets. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const key = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path);
      const mode = (st.mode & 0o777).toString(8);
      if (st.isSymbolicLink()) out[key] = `link ${readlinkSync(path)}`;
      else if (st.isDirectory()) {
        out[key] = `dir ${mode}`;
        visit(path, key);
      } else out[key] = `file ${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  visit(root, '');
  return out;
}

/**
 * A destination inside a fresh folder, with a folder `outside` beside it (mode 0700) that
 * nothing may touch: `untouched()` says whether anything was written or made beside them.
 */
export function sandbox() {
  const root = folder();
  const dest = join(root, 'dest');
  const outside = join(root, 'outside');
  mkdirSync(dest);
  mkdirSync(outside, { mode: 0o700 });
  return {
    root,
    dest,
    outside,
    untouched: () => readdirSync(outside).length === 0 && readdirSync(root).sort().join() === 'dest,outside',
  };
}
