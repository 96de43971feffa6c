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

/** Runs one block as a Node process in `dir`, where its imports resolve; rejects with its stderr when it fails, or (with `output`) when it printed other than its comments say. */
export function runBlockIn(
  block: ReadmeBlock,
  dir: string,
  options?: { timeout?: number; output?: boolean },
): Promise<BlockRun>;

/**
 * What a block says it prints, from its output comments: a line calling `console.log` that
 * ends with `// text` prints `text`; comment lines right below with their `//` in the same
 * column are the next lines it prints. `...` in a line stands for any text.
 */
export function expectedOutput(block: ReadmeBlock): { line: number; text: string }[];

/** Where `stdout` differs from the block's output comments, in words; undefined when it matches. */
export function outputMismatch(block: ReadmeBlock, stdout: string): string | undefined;
