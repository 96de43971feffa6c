// @sys/find's largest, async or sync (argv[3] === 'sync'): the 10 largest files, SIZE<TAB>PATH.
import { largest, largestSync } from '@sys/find';

const [root, mode] = process.argv.slice(2);
const top = mode === 'sync' ? largestSync(root, 10) : await largest(root, 10);
process.stdout.write(top.map((f) => `${f.size}\t${f.path}\n`).join(''));
