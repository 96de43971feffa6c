// Converts the text files of this directory only: fixeoln_dir tounix|todos [PATTERN...].
import { convertFile } from '@sys/eoln';
import { glob } from '@sys/find';

const [form, ...given] = process.argv.slice(2);
if (form !== 'tounix' && form !== 'todos') {
  console.error('Required first argument missing: "todos" or "tounix"');
  process.exit(2);
}
const patterns = given.length > 0 ? given : ['*.py', '*.txt', '*.c', '*.cxx', '*.h', '*.i', 'makefile*', 'output*'];
let count = 0;
for (const pattern of patterns) {
  for (const name of (await glob(pattern)).sort()) {
    console.log(`${++count} => ${name}`);
    await convertFile(name, form);
  }
}
console.log(`Converted ${count} files`);
