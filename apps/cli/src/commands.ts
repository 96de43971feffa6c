import type { Command } from './_command.js';
import { bigfiles } from './commands/bigfiles.js';
import { eoln } from './commands/eoln.js';
import { find } from './commands/find.js';
import { pack, unmore, unpack } from './commands/pack.js';
import { rename } from './commands/rename.js';
import { walk } from './commands/walk.js';

/** Every command `sys` has, in the order `sys --help` lists them. */
export const commands: readonly Command[] = [find, bigfiles, walk, rename, eoln, pack, unpack, unmore];
