// @sys/find: every *.py under argv[2], one path a line; argv[3] picks the form:
// 'list' (findList, async, an array like fdir's), 'async' (the find generator), 'sync' (findSync).
import { find, findList, findSync } from '@sys/find';

const [root, mode] = process.argv.slice(2);
let out = [];
if (mode === 'sync') out = [...findSync('*.py', root)];
else if (mode === 'list') out = await findList('*.py', root);
else for await (const p of find('*.py', root)) out.push(p);
process.stdout.write(`${out.join('\n')}\n`);
