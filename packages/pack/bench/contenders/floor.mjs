// The floor under any Node packer or unpacker of a tree of small files: the calls it cannot do
// without, and no format at all.
//   read SRC OUT     walks SRC (names sorted) and reads every file (open, fstat, read, close),
//                    hashing the bytes (SHA-256) and writing them to OUT in 256 KiB blocks;
//   write LIST DEST  makes the directories and files LIST names (a "path<TAB>size" line each),
//                    each file written from one buffer (mkdir, open O_EXCL, write, close).
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';

const [mode, from, to] = process.argv.slice(2);
const BLOCK = 256 * 1024;

if (mode === 'read') {
  const out = openSync(to, 'w');
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(BLOCK);
  const file = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  const flush = () => {
    hash.update(block.subarray(0, used));
    for (let at = 0; at < used; ) at += writeSync(out, block, at, used - at);
    used = 0;
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      const { size } = fstatSync(fd);
      const got = readSync(fd, file, 0, size, 0);
      closeSync(fd);
      if (used + got > BLOCK) flush();
      file.copy(block, used, 0, got);
      used += got;
    }
  };
  walk(from);
  flush();
  hash.digest('hex');
  closeSync(out);
} else if (mode === 'write') {
  const bytes = Buffer.alloc(1 << 20, 'x');
  const made = new Set();
  for (const line of readFileSync(from, 'utf8').split('\n')) {
    if (line === '') continue;
    const [path, size] = line.split('\t');
    const slash = path.lastIndexOf('/');
    const dir = `${to}/${path.slice(0, slash)}`;
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const fd = openSync(`${to}/${path}`, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    writeSync(fd, bytes, 0, Number(size));
    closeSync(fd);
  }
} else {
  console.error('usage: floor.mjs read SRC OUT | write LIST DEST');
  process.exit(2);
}
