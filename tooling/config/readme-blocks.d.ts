/** One fenced TypeScript block of a markdown file. */
export interface ReadmeBlock {
  /** Absolute path of the markdown file. */
  readme: string;
  /** 1-based line of the block's first line of code. */
  line: number;
  /** The fence's info string, e.g. `ts` or `ts no-run`. */
  info: string;
  code: string;
  /** False when the info string says `no-run`. */
  run: boolean;
}

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

/** What a block that exited 0 printed, and the folder it ran in. */
export interface BlockRun {
  dir: string;
  stdout: string;
  stderr: string;
}

/** The info-string word that keeps a block from running (only where running is impossible). */
export const NO_RUN: 'no-run';

/** The fenced TypeScript blocks (`ts`, `typescript`, `mts`) of a markdown file, in order. */
export function readmeBlocks(readme: string | URL): ReadmeBlock[];

/**
 * What a block says it prints, from its output comments: a line calling `console.log` that
 * ends with `// text` prints `text`; comment lines right below with their `//` in the same
 * column are the next lines it prints. `...` in a line stands for any text.
 */
export function expectedOutput(block: ReadmeBlock): { line: number; text: string }[];

/** Where `stdout` differs from the block's output comments, in words; undefined when it matches. */
export function outputMismatch(block: ReadmeBlock, stdout: string): string | undefined;

/** Runs one block as a Node process in a fresh temp folder; rejects with its stderr when it fails. */
export function runReadmeBlock(block: ReadmeBlock, options?: RunOptions): Promise<BlockRun>;
