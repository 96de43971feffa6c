// fast-glob, tinyglobby or Node's fs.globSync (argv[3]): `**/*.py` with dotfiles, full paths.
import fs from 'node:fs';

const [root, tool] = process.argv.slice(2);
let paths;
if (tool === 'fast-glob') {
  const fg = (await import('fast-glob')).default;
  paths = await fg('**/*.py', { cwd: root, dot: true, absolute: true });
} else if (tool === 'tinyglobby') {
  const { glob } = await import('tinyglobby');
  paths = await glob('**/*.py', { cwd: root, dot: true, absolute: true });
} else {
  // fs.globSync has no dot option: it skips dotfiles.
  paths = fs.globSync('**/*.py', { cwd: root }).map((p) => `${root}/${p}`);
}
process.stdout.write(`${paths.join('\n')}\n`);
