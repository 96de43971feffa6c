// The most common lines of a file through cat | sort | uniq -c | sort -rn | head, with every stage's status.
import { pipeline } from '@sys/procs';

const [file, top = '3'] = process.argv.slice(2);
if (!file) {
  console.error('usage: pipeline FILE [TOP]');
  process.exit(2);
}
const r = await pipeline([['cat', file], ['sort'], ['uniq', '-c'], ['sort', '-rn'], ['head', '-n', top]]);
process.stdout.write(r.stdout);
for (const s of r.stages) console.log(`${s.command.join(' ')}: ${s.signal ?? s.code}`);
process.exitCode = r.stages.some((s) => s.code !== 0) ? 1 : 0;
