// @sys/find: every *.py under argv[2], one path a line; argv[3] picks the form:
// 'list' (findList, async, an array like fdir's), 'async' (the find generator), 'sync' (findSync);
// argv[4], for 'async', the thread option: 'auto' (the default), 'true' or 'false'.
import { find, findList, findSync } from '@sys/find';

const [root, mode, threadArg = 'auto'] = process.argv.slice(2);
const thread = threadArg === 'auto' ? 'auto' : threadArg === 'true';
let out = [];
if (mode === 'sync') out = [...findSync('*.py', root)];
else if (mode === 'list') out = await findList('*.py', root);
else for await (const p of find('*.py', root, { thread })) out.push(p);
process.stdout.write(`${out.join('\n')}\n`);
