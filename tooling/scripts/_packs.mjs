// What the package checks share: the public packages of the workspace, packed as `pnpm publish`
// would pack them, and a tarball's files unpacked to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
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

/**
 * Packs every public package into `dest`.
 * @param {string} dest @returns {Map<string, { dir: string, pkg: any, tarball: string }>} by name
 */
export function packAll(dest) {
  return new Map(publicPackages().map(({ dir, pkg }) => [pkg.name, { dir, pkg, tarball: pnpmPack(dir, dest) }]));
}

/**
 * The tarballs a package needs to install alone: its own and its @sys dependencies', all the way down.
 * @param {string} name @param {ReturnType<typeof packAll>} packs @returns {string[]}
 */
export function tarballsFor(name, packs) {
  const seen = new Set();
  const visit = (/** @type {string} */ n) => {
    const entry = packs.get(n);
    if (!entry || seen.has(n)) return;
    seen.add(n);
    for (const dep of Object.keys(entry.pkg.dependencies ?? {})) visit(dep);
  };
  visit(name);
  return [...seen].map((n) => /** @type {{ tarball: string }} */ (packs.get(n)).tarball);
}

/**
 * `npm install` into `dir` (an empty project is made there first) from the registry and tarballs.
 * @param {string} dir @param {string[]} specs
 */
export function npmInstall(dir, specs) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json')))
    writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  const flags = ['--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];
  execFileSync('npm', ['install', ...flags, ...specs], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * A folder of npm packages kept across runs under the CI cache, installed when missing.
 * @param {string} name the folder's name (say what is in it: versions) @param {string[]} specs
 */
export function cached(name, specs) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: the CI cache folder, as .ci/run finds it; no turbo task
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = join(base, 'sys-ci', name);
  if (!existsSync(join(dir, 'node_modules'))) npmInstall(dir, specs);
  return dir;
}

/** The newest version of an npm package. @param {string} name */
export const newest = (name) => execFileSync('npm', ['view', name, 'version'], { encoding: 'utf8' }).trim();
