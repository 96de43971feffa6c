import type { BlockRun, ReadmeBlock } from './blocks.js';

export { type BlockRun, NO_RUN, type ReadmeBlock, readmeBlocks, unmatchedOutputComments } from './blocks.js';

/** How `runReadmeBlock` runs a block. */
export interface RunOptions {
  /** The package whose name the block imports. @default the README's folder */
  packageDir?: string;
  /** Puts what the block reads (files, folders) into its temp folder before it runs. */
  setup?: (dir: string) => void | Promise<void>;
  /** Milliseconds before the block's process group is killed and the run fails. @default 20000 */
  timeout?: number;
}

/** Runs one block as a Node process in a fresh temp folder; rejects with its stderr when it fails. */
export function runReadmeBlock(block: ReadmeBlock, options?: RunOptions): Promise<BlockRun>;
