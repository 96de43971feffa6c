// Converts every matching text file at and below this directory: fixeoln_all tounix|todos [PATTERN...].
import { convertTree } from '@sys/eoln';

const [form, ...patterns] = process.argv.slice(2);
if (form !== 'tounix' && form !== 'todos') {
  console.error('Required first argument missing: "todos" or "tounix"');
  process.exit(2);
}
// Only files that need it are rewritten, so it is safe to run from the top of a tree.
let count = 0;
const summary = await convertTree('.', form, {
  patterns: patterns.length > 0 ? patterns : ['*.py', '*.txt', '*.c', '*.cxx', '*.h', '*.i', 'makefile*', 'output*'],
  onFile(result) {
    if (result.status === 'changed') console.log(`${++count} => ${result.path}`);
  },
  onError: (error) => console.error(`failed: ${error.message}`),
});
console.log(`Converted ${summary.changed} files, ${summary.unchanged} already fine, ${summary.skipped} skipped`);
