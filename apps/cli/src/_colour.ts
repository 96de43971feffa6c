import { styleText } from 'node:util';
import type { TerminalStream } from './_progress.js';

/** The styles the CLI uses. */
export type Style = 'red' | 'yellow' | 'bold';

/**
 * Whether to colour what goes to `stream`: FORCE_COLOR (not 0) says yes, NO_COLOR says no
 * (FORCE_COLOR wins, as in Node), otherwise only a terminal that is not TERM=dumb.
 */
export function wantsColour(stream: TerminalStream, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** `text` in `styles` when colour is on, as it is otherwise. */
export function paint(on: boolean, styles: Style[], text: string): string {
  // Our own decision is final: styleText must not look at process.stdout again (Node >= 22).
  return on ? styleText(styles, text, { validateStream: false }) : text;
}
