// The naive Node way: read the whole file into a string, replace, write it back out.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
writeFileSync(output, readFileSync(input, 'latin1').replaceAll('\r\n', '\n'), 'latin1');
