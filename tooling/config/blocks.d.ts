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

/** Runs one block as a Node process in `dir`, where its imports resolve; rejects with its stderr when it fails. */
export function runBlockIn(block: ReadmeBlock, dir: string, timeout?: number): Promise<BlockRun>;

/**
 * The `// comments` of a block's `console.log(...)` lines that its output lacks, in order
 * (`...` in a comment stands for anything); empty when the block printed what it says.
 */
export function unmatchedOutputComments(code: string, stdout: string): string[];
