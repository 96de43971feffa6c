import type { BlockRun, ReadmeBlock } from './blocks.js';

export {
  type BlockRun,
  expectedOutput,
  NO_RUN,
  outputMismatch,
  type ReadmeBlock,
  readmeBlocks,
} from './blocks.js';

/** How `runReadmeBlock` runs a block. */
export interface RunOptions {
  /** The package whose name the block imports. @default the README's folder */
  packageDir?: string;
  /** Puts what the block reads (files, folders) into its temp folder before it runs. */
  setup?: (dir: string) => void | Promise<void>;
  /** Milliseconds before the block's process group is killed and the run fails. @default 20000 */
  timeout?: number;
  /**
   * Also fail unless the block printed exactly what its output comments say (see
   * `expectedOutput`). @default false
   */
  output?: boolean;
}

/** Runs one block as a Node process in a fresh temp folder; rejects with its stderr when it fails. */
export function runReadmeBlock(block: ReadmeBlock, options?: RunOptions): Promise<BlockRun>;
