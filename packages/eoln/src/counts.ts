// The shapes detection and conversion share: which BOM a text starts with, how many endings it holds.

/** The byte-order marks that @sys/eoln recognises. */
export type Bom = 'utf8' | 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be';

/** How many line endings of each kind a text holds. */
export interface Counts {
  /** CR immediately followed by LF. */
  crlf: number;
  /** LF not after a CR. */
  lf: number;
  /** CR not followed by LF. */
  cr: number;
}
