import { writeFileSync } from 'node:fs';
import { tempDir } from '@sys/config/temp-dirs';

/** A fresh temp folder, removed after the test file. */
export const folder = (): string => tempDir('sys-eoln-');

/** Whether the temp file system takes names that are not UTF-8 (some refuse them with EILSEQ). */
export const takesByteNames = (() => {
  try {
    writeFileSync(Buffer.from(`${folder()}/\xff`, 'latin1'), '');
    return true;
  } catch {
    return false;
  }
})();
