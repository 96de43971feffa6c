// Puts files in a single file with separator lines: pack1 FILE... > out (the chapter's pack1).
import { pack } from '@sys/pack';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: pack1 FILE... > packed');
  process.exit(2);
}
await pack(names, process.stdout, { onError: (e) => console.error(`skipped ${e.path}: ${e.reason}`) });
