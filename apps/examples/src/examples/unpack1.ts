// Recreates the files of a pack1 file read from stdin (or FILE), here: unpack1 [FILE] < packed.
import { createReadStream } from 'node:fs';
import { unpack } from '@sys/pack';

const [file] = process.argv.slice(2);
const input = file ? createReadStream(file) : process.stdin;
const { entries } = await unpack(input, { onEntry: (e) => console.log(e.path) });
console.log(`unpacked ${entries} entries`);
