// Unpacks the result of "more x y z > f": unmore [f] (or unmore < f), creating each file here.
import { createReadStream } from 'node:fs';
import { unpack } from '@sys/pack';

const [file] = process.argv.slice(2);
await unpack(file ? createReadStream(file) : process.stdin, {
  onEntry: (entry) => console.log('creating', JSON.stringify(entry.path)),
});
console.log('Done.');
