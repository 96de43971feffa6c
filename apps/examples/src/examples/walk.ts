// os.walk's generator: each directory, then its files indented beneath it.
import { walk } from '@sys/find';

const [root = '.'] = process.argv.slice(2);
for await (const { dir, files } of walk(root)) {
  console.log(dir, '=>');
  for (const name of files) console.log(`\t${name}`);
}
