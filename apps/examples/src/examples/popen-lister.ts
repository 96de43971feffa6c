// Reads a shell command's output as lines (os.popen('ls *.py').readlines()): popen-lister [DIR] [PATTERN].
import { popen } from '@sys/procs';

const [dir = '.', pattern = '*.py'] = process.argv.slice(2);
const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
// The shell expands the pattern, as in the chapter; an unmatched pattern stays itself, so test it.
const listing = popen(`cd ${quote(dir)} && for f in ${pattern}; do [ -e "$f" ] && echo "$f"; done; true`);
const names: string[] = [];
for await (const name of listing) names.push(name);
const status = await listing.close();
for (const name of names) console.log(name);
console.log(`${names.length} file(s), status ${status}`);
