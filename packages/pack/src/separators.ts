/** The separator the chapter's pack1 writes before each file: six colons, then the path. */
export const PACK1_MARKER = '::::::';
/** The line `more` prints above and below each file's name when given several files. */
export const MORE_RULE = '::::::::::::::';

/** What a separator line announces: the format it belongs to and the file's path. */
export interface Separator {
  format: 'pack1' | 'more';
  path: string;
}

/**
 * Reads a pack1 separator line (`::::::path`); the more rule (14 colons, name on the next line)
 * is told apart by `isMoreRule`. Returns undefined for a content line.
 */
export function parsePack1Separator(line: string): Separator | undefined {
  if (!line.startsWith(PACK1_MARKER) || isMoreRule(line)) return undefined;
  const path = line.slice(PACK1_MARKER.length).replace(/\r?\n$/, '');
  return path === '' ? undefined : { format: 'pack1', path };
}

/** True for the line of 14 colons that `more` puts around file names. */
export function isMoreRule(line: string): boolean {
  return line.replace(/\r?\n$/, '') === MORE_RULE;
}
