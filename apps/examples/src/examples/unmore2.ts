// unmore with a functional interface: unmore(input) can be imported; run as a script it reads f or stdin.
import { createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { unpack } from '@sys/pack';

/** Recreates, in `dest`, the files of more output read from `input`; resolves with their names. */
export async function unmore(input: NodeJS.ReadableStream & AsyncIterable<Buffer>, dest = '.'): Promise<string[]> {
  const created: string[] = [];
  await unpack(input, { dest, onEntry: (entry) => created.push(entry.path) });
  return created;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file] = process.argv.slice(2);
  for (const name of await unmore(file ? createReadStream(file) : process.stdin))
    console.log('creating', JSON.stringify(name));
  console.log('Done.');
}
