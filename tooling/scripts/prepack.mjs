// Every public package's `prepack`: refuses to pack unless pnpm is packing (pnpm rewrites the
// `workspace:` ranges of the package.json it packs; npm leaves them, and the tarball does not
// install: EUNSUPPORTEDPROTOCOL). pnpm also puts the workspace's LICENSE in every tarball of a
// package that has none. Run from the package's folder, as npm and pnpm run lifecycle scripts.
import { readFileSync } from 'node:fs';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by the package manager running this script, no turbo task
const agent = process.env.npm_config_user_agent ?? '';
if (!agent.startsWith('pnpm/')) {
  const { name } = JSON.parse(readFileSync('package.json', 'utf8'));
  console.error(
    `${name}: pack and publish with pnpm (pnpm release, or pnpm pack): ` +
      `${agent.split(' ')[0] || 'this tool'} would keep the workspace: ranges and make a tarball that does not install`,
  );
  process.exit(1);
}
