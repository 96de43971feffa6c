// Packs every public package as `pnpm publish` would, then lints the tarball with publint and
// @arethetypeswrong/cli (ESM-only profile). Exits 1 when any package has an error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const bin = (/** @type {string} */ name) => join(root, 'node_modules', '.bin', name);
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
  const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`);
  const file = join(dest, tarball);
  /** @type {[string, string[]][]} */
  const checks = [
    ['publint', ['run', file, '--strict']],
    ['attw', [file, '--profile', 'esm-only', '--format', 'table-flipped']],
  ];
  for (const [tool, args] of checks) {
    try {
      execFileSync(bin(tool), args, { stdio: 'pipe' });
      console.log(`ok    ${pkg.name}: ${tool}`);
    } catch (error) {
      failed++;
      const { stdout = '', stderr = '' } = /** @type {{ stdout?: Buffer, stderr?: Buffer }} */ (error);
      console.log(`FAIL  ${pkg.name}: ${tool}\n${stdout}${stderr}`);
    }
  }
}
rmSync(out, { recursive: true, force: true });
if (failed) {
  console.log(`${failed} check(s) failed`);
  process.exit(1);
}
