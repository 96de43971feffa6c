// Reads a shell command's output as lines (os.popen('ls *.py').readlines()): popen-lister [DIR] [PATTERN].
import { popen } from '@sys/procs';

const [dir = '.', pattern = '*.py'] = process.argv.slice(2);
const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
// The shell expands the pattern, as in the chapter, but only as a glob: the pattern is
// quoted into a variable, and an unquoted $p (with IFS empty: no splitting) is globbed and
// nothing else, so `$(cmd)` or `;` in it is never run. An unmatched pattern stays itself,
// so test it.
const script = `cd ${quote(dir)} && p=${quote(pattern)} && IFS= && for f in $p; do [ -e "$f" ] && echo "$f"; done; true`;
const listing = popen(script);
const names: string[] = [];
for await (const name of listing) names.push(name);
const status = await listing.close();
for (const name of names) console.log(name);
console.log(`${names.length} file(s), status ${status}`);
