import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { tempDir } from '@sys/config/temp-dirs';
import { type PackOptions, pack } from '../src/index.js';

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

/** A stream of `data` cut at the given places, to exercise chunk boundaries. */
export function chunked(data: Buffer, cuts: number[] = []): Readable {
  const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const cut of at) {
    parts.push(data.subarray(from, cut));
    from = cut;
  }
  parts.push(data.subarray(from));
  return Readable.from(parts.filter((p) => p.length > 0));
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

/** A pack in our format from a body of lines, with a correct trailer (as an attacker would write it). */
export function craft(body: string, entries: number): Buffer {
  const text = `::::::\tsys-pack 1\n${body}`;
  const sha = createHash('sha256').update(text).digest('hex');
  return Buffer.from(`${text}::::::\tend entries=${entries} sha256=${sha}\n`);
}
