import { decodeName } from './_bytes.js';
import { paint, type Style } from './_colour.js';
import type { Progress, TerminalStream } from './_progress.js';
import { quoteName, safeText } from './_quote.js';

/**
 * Every line a command writes to stderr, in one format: `sys COMMAND: PATH: what is wrong`
 * for errors (which make the run exit 2 at the end) and `sys COMMAND: warning: PATH: ...`
 * for warnings (which do not). Names are quoted and shortened.
 */
export class Reporter {
  /** How many errors were reported: any means exit 2. */
  errors = 0;
  constructor(
    readonly command: string,
    readonly stream: TerminalStream,
    readonly colour: boolean,
    readonly progress: Progress,
  ) {}

  #line(styles: Style[], label: string, path: string | Buffer | undefined, text: string): void {
    this.progress.clear();
    const name = path === undefined ? '' : `${quoteName(typeof path === 'string' ? path : decodeName(path))}: `;
    this.stream.write(`${paint(this.colour, styles, `sys ${this.command}:${label}`)} ${name}${safeText(text)}\n`);
  }

  /**
   * Something failed; the run goes on where it can and exits 2 at the end, unless `fatal`
   * is false (a refusal the command counts itself, such as rename's exit 1).
   */
  error(path: string | Buffer | undefined, text: string, fatal = true): void {
    if (fatal) this.errors++;
    this.#line(['red', 'bold'], '', path, text);
  }

  /** Something the user should know that does not change the exit status. */
  warn(path: string | Buffer | undefined, text: string): void {
    this.#line(['yellow'], ' warning:', path, text);
  }

  /** A plain line on stderr (a summary). */
  note(text: string): void {
    this.progress.clear();
    this.stream.write(`${text}\n`);
  }
}
