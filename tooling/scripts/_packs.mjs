// What the package checks share: the public packages of the workspace, packed as `pnpm publish`
// would pack them, and a tarball's files unpacked to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../../', import.meta.url).pathname;

/**
 * The workspace's public packages, packages/ then apps/, each with its manifest.
 * @returns {{ dir: string, pkg: any }[]}
 */
export function publicPackages() {
  return ['packages', 'apps']
    .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private);
}

/**
 * Packs one package with pnpm (which rewrites `workspace:` ranges) into `dest`.
 * @param {string} dir @param {string} dest @returns {string} the tarball's path
 */
export function pnpmPack(dir, dest) {
  mkdirSync(dest, { recursive: true });
  const before = new Set(readdirSync(dest));
  execFileSync('pnpm', ['pack', '--pack-destination', dest], { cwd: dir, stdio: 'ignore' });
  const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz') && !before.has(f));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball in ${dir}`);
  return join(dest, tarball);
}

/**
 * Unpacks a tarball into a new folder under `parent`.
 * @param {string} tarball @param {string} parent @returns {string} the package's folder in it
 */
export function unpack(tarball, parent) {
  const dir = mkdtempSync(join(parent, 'x-'));
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  return join(dir, 'package');
}

/** A new temp folder. @param {string} prefix */
export const scratch = (prefix) => mkdtempSync(join(tmpdir(), prefix));
