// @sys/eoln's Transform stream between two files: createReadStream -> createConverter -> createWriteStream.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createConverter } from '@sys/eoln';

const [input, output] = process.argv.slice(2);
await pipeline(createReadStream(input, { highWaterMark: 1 << 20 }), createConverter('lf'), createWriteStream(output));
