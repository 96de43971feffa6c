// File tools: text and bytes, encodings, lines streamed, descriptor files (O_* flags, O_EXCL, positioned I/O) in a temp folder; args: [PARENT]
// Python's open() gives str in text mode and bytes in binary mode ("rb"/"wb"), and text mode
// translates line ends on Windows. Node never translates: a read gives a Buffer, or a string
// when an encoding is named, and "\r\n" stays as written on every platform. The os module's
// descriptor calls are fs.openSync/readSync/writeSync with the same O_* flags, and reading
// or writing at a position replaces os.lseek. Node has no file lock call (fcntl, flock):
// creating a lock file with O_EXCL is the portable way, as multi1 does.
import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [parent = tmpdir()] = process.argv.slice(2);
const home = mkdtempSync(join(parent, 'file-tools-'));
const show = (value: unknown) => JSON.stringify(value);
try {
  // Built-in files: bytes in, bytes out; text only when an encoding is named.
  const spam = join(home, 'spam.txt');
  writeFileSync(spam, 'spam\r\nSPAM\nham');
  const bytes = readFileSync(spam);
  console.log(`bytes: ${bytes.length}, starting ${bytes.subarray(0, 6).toString('hex')}`);
  console.log(`text: ${show(readFileSync(spam, 'utf8'))} (line ends as written)`);

  const word = 'Grüße ☃';
  console.log(
    `${show(word)}: ${word.length} characters, ${Buffer.byteLength(word)} bytes in UTF-8, ${Buffer.byteLength(word, 'utf16le')} in UTF-16LE`,
  );
  console.log(
    `"ü" is ${Buffer.from('ü').toString('hex')} in UTF-8 and ${Buffer.from('ü', 'latin1').toString('hex')} in latin1`,
  );

  // for line in file: the file is read in chunks, never whole; crlfDelay keeps \r\n one ending.
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(spam), crlfDelay: Number.POSITIVE_INFINITY })) {
    console.log(`line ${++n}: ${show(line)}`);
  }

  // Descriptor files: os.open with flags and a mode, then reads and writes at positions.
  const data = join(home, 'data.bin');
  const flags = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL;
  const fd = openSync(data, flags, 0o600);
  try {
    writeSync(fd, 'Hello, world!');
    try {
      closeSync(openSync(data, flags, 0o600));
    } catch (error) {
      console.log(`a second O_CREAT|O_EXCL open fails: ${(error as NodeJS.ErrnoException).code}`);
    }
    writeSync(fd, 'WORLD', 7); // at offset 7, where Python would os.lseek first
    const buf = Buffer.alloc(5);
    readSync(fd, buf, 0, 5, 7);
    console.log(
      `read 5 bytes at 7: ${show(buf.toString())}; size ${fstatSync(fd).size}, mode ${(fstatSync(fd).mode & 0o777).toString(8)}`,
    );
    ftruncateSync(fd, 5);
  } finally {
    closeSync(fd);
  }
  console.log(`after truncating to 5: ${show(readFileSync(data, 'utf8'))}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
console.log(`removed ${home}`);
