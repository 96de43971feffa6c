// The consumer's type check: packs every public package, installs the tarballs with npm into an
// empty project whose one file imports every package's public API, and compiles it, strict and
// with skipLibCheck off (so every shipped .d.ts is checked), under `module: nodenext` and under
// `moduleResolution: bundler`, with the oldest TypeScript we support (and the @types/node of the
// oldest Node we support) and with the newest TypeScript and the newest @types/node. The
// compilers are npm packages kept in a cache folder. Exits 1 when any compile fails.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cached, newest, npmInstall, packAll, scratch } from './_packs.mjs';

/** The oldest TypeScript we support: each README says so. */
export const OLDEST_TYPESCRIPT = '5.0';
const OLDEST_NODE_TYPES = '20';

const work = scratch('sys-types-');
const packs = packAll(join(work, 'tarballs'));
const consumer = join(work, 'consumer');
npmInstall(
  consumer,
  [...packs.values()].map((p) => p.tarball),
);

const names = [...packs.keys()];
const id = (/** @type {string} */ name) => name.replace('@sys/', '').replace(/\W/g, '_');
writeFileSync(
  join(consumer, 'index.ts'),
  `${names.map((n) => `import * as ${id(n)} from '${n}';`).join('\n')}\n\nexport const api = { ${names.map(id).join(', ')} };\n`,
);
/** @type {Record<string, object>} */
const settings = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};
for (const [name, resolution] of Object.entries(settings)) {
  const compilerOptions = {
    ...resolution,
    target: 'es2022',
    strict: true,
    skipLibCheck: false,
    types: ['node'],
    noEmit: true,
  };
  writeFileSync(
    join(consumer, `tsconfig.${name}.json`),
    JSON.stringify({ compilerOptions, files: ['index.ts'] }, null, 2),
  );
}

const latest = { typescript: newest('typescript'), node: newest('@types/node') };
const toolchains = [{ typescript: OLDEST_TYPESCRIPT, node: OLDEST_NODE_TYPES }, latest];
let failed = 0;
for (const { typescript, node } of toolchains) {
  const tools = cached(`types/typescript-${typescript}-node-${node}`, [
    `typescript@${typescript}`,
    `@types/node@${node}`,
  ]);
  // The consumer's @types/node is the toolchain's; it resolves its own dependencies from there.
  const types = join(consumer, 'node_modules', '@types');
  rmSync(types, { recursive: true, force: true });
  mkdirSync(types, { recursive: true });
  symlinkSync(join(tools, 'node_modules', '@types', 'node'), join(types, 'node'), 'dir');
  const tsc = join(tools, 'node_modules', '.bin', 'tsc');
  const version = execFileSync(tsc, ['--version'], { encoding: 'utf8' }).trim();
  for (const name of Object.keys(settings)) {
    const what = `${version}, @types/node ${node}, ${name}`;
    try {
      execFileSync(tsc, ['-p', `tsconfig.${name}.json`], { cwd: consumer, stdio: 'pipe' });
      console.log(`ok    ${what}: every package's API compiles`);
    } catch (error) {
      failed++;
      const { stdout = '', stderr = '' } = /** @type {{ stdout?: Buffer, stderr?: Buffer }} */ (error);
      console.log(`FAIL  ${what}\n${stdout}${stderr}`);
    }
  }
}
rmSync(work, { recursive: true, force: true });
if (failed) {
  console.log(`${failed} compile(s) failed`);
  process.exit(1);
}
