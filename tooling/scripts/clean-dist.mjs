// A package's build step before tsc: tsc writes files but never removes them, so a renamed or
// deleted source would leave its old output in dist/, where tests (which import dist/) and a
// local `pnpm pack` would still find it. Run from the package's folder, as pnpm runs scripts.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
