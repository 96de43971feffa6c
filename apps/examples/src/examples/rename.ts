// Renaming a set of files: every name glob matches (default *.py) becomes upper case.
import { rename } from 'node:fs/promises';
import { glob } from '@sys/find';

const [pattern = '*.py'] = process.argv.slice(2);
console.log(await glob(pattern));
for (const name of await glob(pattern)) await rename(name, name.toUpperCase());
console.log(await glob(pattern.toUpperCase()));
