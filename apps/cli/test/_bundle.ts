// The tests run bin/sys.js, which runs bundle/: made again here from the dist/ folders as they
// are now, so a package rebuilt on its own is what the tests see.
import { bundle } from '../scripts/bundle.js';

export async function setup(): Promise<void> {
  await bundle();
}
