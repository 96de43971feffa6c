// Generates the benchmark inputs, seeded: a big CRLF text file and a tree of small CRLF files.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Random printable lines of 0-200 characters, each ending in CRLF, exactly `bytes` long. */
export function crlfText(bytes: number, seed: number): Buffer {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 8;
  };
  const buf = Buffer.allocUnsafe(bytes);
  let i = 0;
  while (i < bytes) {
    const left = bytes - i - 2;
    // The last line takes what is left, so the text ends with a whole CRLF.
    const len = left <= 202 ? Math.max(left, 0) : next() % 201;
    for (let k = 0; k < len; k++) buf[i++] = 32 + (next() % 95);
    buf[i++] = 13;
    buf[i++] = 10;
  }
  return buf;
}

/** Writes a CRLF file of `mib` MiB (16 MiB at a time) unless it is already there. */
export function bigFile(path: string, mib: number): string {
  if (existsSync(path)) return path;
  const part = `${path}.${process.pid}.part`; // another run may be writing it too
  const fd = openSync(part, 'w');
  for (let i = 0; i < mib / 16; i++) writeSync(fd, crlfText(16 << 20, 7 + i));
  closeSync(fd);
  renameSync(part, path);
  return path;
}

/** Writes `count` small CRLF files into `dir`, ten to a folder. */
export function smallTree(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `d${Math.floor(i / 10)}`);
    if (i % 10 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `f${i}.txt`), crlfText(200 + (i % 1800), i));
  }
}
