import type { Command } from './_command.js';

/** Every command `sys` has, in the order `sys --help` lists them. */
export const commands: readonly Command[] = [];
