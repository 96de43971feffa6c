// Packs every public package as `pnpm publish` would, then lints the tarball with publint and
// @arethetypeswrong/cli (ESM-only profile). Exits 1 when any package has an error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const dirs = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)),
);
const out = mkdtempSync(join(tmpdir(), 'sys-pack-'));
let failed = 0;

for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  const dest = mkdtempSync(join(out, 'p-'));
  execFileSync('pnpm', ['pack', '--pack-destination', dest], { cwd: dir, stdio: 'ignore' });
  const [tarball] = readdirSync(dest).filter((f) => f.endsWith('.tgz'));
  const file = join(dest, tarball);
  for (const [tool, args] of [
    ['publint', ['run', file, '--strict']],
    ['attw', [file, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(bin(tool), args, { stdio: 'pipe' });
      console.log(`ok    ${pkg.name}: ${tool}`);
    } catch (error) {
      failed++;
      console.log(`FAIL  ${pkg.name}: ${tool}\n${error.stdout}${error.stderr}`);
    }
  }
}
rmSync(out, { recursive: true, force: true });
if (failed) {
  console.log(`${failed} check(s) failed`);
  process.exit(1);
}
