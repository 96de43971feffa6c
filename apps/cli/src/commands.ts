import type { Command, CommandEntry } from './command.js';

/** Every command `sys` has, in the order `sys --help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'find',
    summary: 'print paths under ROOTs whose name matches a pattern',
    load: async () => (await import('./commands/find.js')).find as Command,
  },
  {
    name: 'bigfiles',
    summary: 'print the largest files under ROOTs',
    load: async () => (await import('./commands/bigfiles.js')).bigfiles as Command,
  },
  {
    name: 'walk',
    summary: 'list trees, directory by directory',
    load: async () => (await import('./commands/walk.js')).walk as Command,
  },
  {
    name: 'rename',
    summary: 'rename files matching a pattern (upper, lower, replace, regex)',
    load: async () => (await import('./commands/rename.js')).rename as Command,
  },
  {
    name: 'eoln',
    summary: 'convert or check line endings (tounix, todos, check, info)',
    load: async () => (await import('./commands/eoln.js')).eoln as Command,
  },
  {
    name: 'pack',
    summary: 'pack files into one readable text file',
    load: async () => (await import('./commands/pack.js')).pack as Command,
  },
  {
    name: 'unpack',
    summary: 'unpack a pack (or pack1 / more output) safely',
    load: async () => (await import('./commands/unpack.js')).unpack as Command,
  },
  {
    name: 'unmore',
    summary: "recreate files from 'more' output",
    load: async () => (await import('./commands/unmore.js')).unmore as Command,
  },
  {
    name: 'forward',
    summary: 'write "this page has moved" pages for every file of a site',
    load: async () => (await import('./commands/forward.js')).forward as Command,
  },
  {
    name: 'testscripts',
    summary: 'run scripts with saved arguments and input; compare with saved output',
    load: async () => (await import('./commands/testscripts.js')).testscripts as Command,
  },
  {
    name: 'completion',
    summary: 'print a completion script for bash, zsh or fish',
    load: async () => (await import('./commands/completion.js')).completion(commands),
  },
];
