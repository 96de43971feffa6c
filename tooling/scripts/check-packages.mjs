// Packs every public package as `pnpm publish` would, then checks the tarball: publint and
// @arethetypeswrong/cli (ESM-only profile), the files every package must carry, and that every
// source map in it points at sources inside the tarball. Exits 1 when any package fails.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pnpmPack, publicPackages, root, scratch, unpack } from './_packs.mjs';

const bin = (/** @type {string} */ name) => join(root, 'node_modules', '.bin', name);
const out = scratch('sys-pack-');
const MUST_SHIP = ['LICENSE', 'README.md', 'package.json'];
let failed = 0;

/** @param {string} name @param {string} check @param {string} [why] a failure when given */
function report(name, check, why) {
  if (why === undefined) return console.log(`ok    ${name}: ${check}`);
  failed++;
  console.log(`FAIL  ${name}: ${check}\n${why}`);
}

/**
 * Every file under dir, as paths relative to it.
 * @param {string} dir @returns {string[]}
 */
function filesOf(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/**
 * The maps in an unpacked package whose sources are not in it, one line each.
 * @param {string} dir @returns {string[]}
 */
export function danglingMaps(dir) {
  const lines = [];
  for (const file of filesOf(dir).filter((f) => f.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const base = resolve(dirname(join(dir, file)), map.sourceRoot ?? '');
    // Inlined sources need no file; a source outside the package never resolves for a user.
    const missing = (map.sources ?? []).filter((/** @type {string} */ s, /** @type {number} */ i) => {
      if (typeof map.sourcesContent?.[i] === 'string') return false;
      const at = resolve(base, s);
      return relative(dir, at).startsWith('..') || !existsSync(at);
    });
    if (missing.length) lines.push(`  ${file} -> ${missing.join(', ')} (not in the tarball)`);
  }
  return lines;
}

for (const { dir, pkg } of publicPackages()) {
  const file = pnpmPack(dir, join(out, pkg.name));
  /** @type {[string, string[]][]} */
  const tools = [
    ['publint', ['run', file, '--strict']],
    ['attw', [file, '--profile', 'esm-only', '--format', 'table-flipped']],
  ];
  for (const [tool, args] of tools) {
    try {
      execFileSync(bin(tool), args, { stdio: 'pipe' });
      report(pkg.name, tool);
    } catch (error) {
      const { stdout = '', stderr = '' } = /** @type {{ stdout?: Buffer, stderr?: Buffer }} */ (error);
      report(pkg.name, tool, `${stdout}${stderr}`);
    }
  }
  const files = unpack(file, out);
  const absent = MUST_SHIP.filter((f) => !existsSync(join(files, f)));
  report(pkg.name, `ships ${MUST_SHIP.join(', ')}`, absent.length ? `  missing: ${absent.join(', ')}` : undefined);
  const dangling = danglingMaps(files);
  report(pkg.name, 'source maps resolve in the tarball', dangling.length ? dangling.join('\n') : undefined);
}
rmSync(out, { recursive: true, force: true });
if (failed) {
  console.log(`${failed} check(s) failed`);
  process.exit(1);
}
