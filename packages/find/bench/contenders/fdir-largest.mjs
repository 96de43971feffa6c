// fdir + statSync: every file with its size, sorted, the first 10.
import { statSync } from 'node:fs';
import { fdir } from 'fdir';

const root = process.argv[2];
const sized = new fdir()
  .withFullPaths()
  .crawl(root)
  .sync()
  .map((path) => ({ path, size: statSync(path).size }));
sized.sort((a, b) => b.size - a.size);
process.stdout.write(
  sized
    .slice(0, 10)
    .map((f) => `${f.size}\t${f.path}\n`)
    .join(''),
);
