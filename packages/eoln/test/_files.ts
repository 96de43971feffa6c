import { tempDir } from '@sys/config/temp-dirs';

/** A fresh temp folder, removed after the test file. */
export const folder = (): string => tempDir('sys-eoln-');
