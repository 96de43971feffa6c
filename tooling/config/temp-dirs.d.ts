/** A fresh temp folder, removed after the current test file. */
export function tempDir(prefix?: string): string;
