// Finding large files: bigfiles [DIR] [N] prints the N largest files below DIR, biggest first.
import { largest } from '@sys/find';

const [root = '.', n = '5'] = process.argv.slice(2);
for (const { size, path } of await largest(root, Number(n))) console.log(size, path);
