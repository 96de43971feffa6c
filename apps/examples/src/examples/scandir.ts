// os.scandir: one directory's entries with their paths and types, without a stat per entry.
import { opendirSync } from 'node:fs';
import { join } from 'node:path';

const [dir = '.'] = process.argv.slice(2);
const entries = opendirSync(dir);
for (let entry = entries.readSync(); entry; entry = entries.readSync()) {
  console.log(entry.name, join(dir, entry.name), entry.isFile());
}
entries.closeSync();
