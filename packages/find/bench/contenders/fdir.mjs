// fdir + picomatch, as its README suggests: `**/*.py` with dot, full paths; sync or async.
import { fdir } from 'fdir';
import picomatch from 'picomatch';

const [root, mode] = process.argv.slice(2);
const isMatch = picomatch('**/*.py', { dot: true });
const crawler = new fdir()
  .withFullPaths()
  .filter((path) => isMatch(path))
  .crawl(root);
const paths = mode === 'sync' ? crawler.sync() : await crawler.withPromise();
process.stdout.write(`${paths.join('\n')}\n`);
