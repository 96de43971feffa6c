// The chapter's find module as a program: find PATTERN [DIR] prints every match below DIR.
import { find } from '@sys/find';

const [pattern, startDir = '.'] = process.argv.slice(2);
if (pattern === undefined) {
  console.error('usage: find PATTERN [DIR]');
  process.exit(2);
}
for await (const name of find(pattern, startDir)) console.log(name);
