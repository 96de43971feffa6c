// The floor under any Node walker of a tree: every directory read once with its entries'
// types (readdirSync, withFileTypes), nothing matched, nothing printed.
import { readdirSync } from 'node:fs';

let entries = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    entries++;
    if (entry.isDirectory()) walk(`${dir}/${entry.name}`);
  }
};
walk(process.argv[2]);
if (entries === 0) process.exitCode = 1;
