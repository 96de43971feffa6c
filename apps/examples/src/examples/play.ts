// Arguments and the three streams: prints argv and "ta da!", then numbers each line of stdin; args: [-o FILE] [ARG...]
// sys.argv is process.argv without node's own path in front; sys.stdin, stdout and stderr
// are process.stdin, stdout and stderr. Try `play -x < in.txt > out.txt 2> err.txt`: the
// shell does the redirecting, not the program, which can only ask what each stream is (it
// says on stderr). Where Node differs: process.stdout cannot be swapped for a file, as the
// chapter's unpack1 does with `sys.stdout = open(...)`, so the program writes to a stream it
// picks (-o FILE); and writes to a pipe may still be queued when the program ends, so it
// sets exitCode, never calls exit().

import { once } from 'node:events';
import { createWriteStream, fstatSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { isatty } from 'node:tty';

const args = process.argv.slice(2);
console.log([basename(process.argv[1] ?? ''), ...args]); // sys.argv, as Python shows it
process.stdout.write('ta da!\n'); // the same as console.log('ta da!')

/** What a standard stream is connected to: a terminal, a file, a pipe... */
function kind(fd: number): string {
  if (isatty(fd)) return 'terminal';
  const st = fstatSync(fd);
  if (st.isFile()) return 'file';
  if (st.isFIFO()) return 'pipe';
  if (st.isSocket()) return 'socket'; // what Node's child_process pipes really are
  return st.isCharacterDevice() ? 'device' : 'other';
}
process.stderr.write(`stdin: ${kind(0)}, stdout: ${kind(1)}, stderr: ${kind(2)}\n`);

const o = args.indexOf('-o');
const file = o >= 0 ? args[o + 1] : undefined;
if (o >= 0 && file === undefined) {
  process.stderr.write('usage: play [-o FILE] [ARG...]\n');
  process.exitCode = 2;
} else {
  const out = file === undefined ? process.stdout : createWriteStream(file);
  if (isatty(0)) process.stderr.write('type lines, then Ctrl-D\n');
  let count = 0;
  // crlfDelay: a CRLF split across two reads is still one line end.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    count += 1;
    if (!out.write(`${count}: ${line}\n`)) await once(out, 'drain');
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  process.stderr.write(`${count} line(s) read${file === undefined ? '' : `, written to ${file}`}\n`);
}
