// Converts the line endings of one file: fixeoln_one tounix|todos FILE (the chapter's fixeoln_one).
import { convertFile } from '@sys/eoln';

const [form, file] = process.argv.slice(2);
if ((form !== 'tounix' && form !== 'todos') || file === undefined) {
  console.error('Required arguments missing: ["todos"|"tounix"] filename');
  process.exit(2);
}
// Lines already in the target form stay as they are, so converting twice is harmless.
const result = await convertFile(file, form);
console.log(result.changed ? 'Converted' : 'Unchanged', file);
