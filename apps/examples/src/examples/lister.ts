// Recursive lister: [dir] then each file's path, subdirectories after (the chapter's lister).
import { walkSync } from '@sys/find';

const [root = '.'] = process.argv.slice(2);
for (const { dir, files } of walkSync(root)) {
  console.log(`[${dir}]`);
  for (const name of files) console.log(`${dir}/${name}`);
}
