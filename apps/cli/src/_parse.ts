import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { CommandSpec, OptionSpec, Parsed, Values } from './_spec.js';
import { UsageError } from './errors.js';

/** What a command line asked for: help, the version, or a run with these values. */
export type Request<S extends CommandSpec> = { kind: 'help' } | { kind: 'version' } | ({ kind: 'run' } & Parsed<S>);

/** The options every command has besides its own. */
export const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { kind: 'flag', short: 'h', help: 'show this help' },
  version: { kind: 'flag', help: 'print the version of sys' },
};

/** `a, b or c` */
export function orList(words: readonly string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function value(name: string, spec: OptionSpec, raw: string, command: string): string | number {
  if (spec.kind === 'number') {
    const min = spec.min ?? 0;
    const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(n >= min) || !Number.isSafeInteger(n)) {
      throw new UsageError(`--${name} wants a whole number of at least ${min}, not '${raw}'`, command);
    }
    return n;
  }
  if (spec.kind === 'choice' && !spec.choices.includes(raw)) {
    throw new UsageError(`--${name} wants ${orList(spec.choices)}, not '${raw}'`, command);
  }
  return raw;
}

/**
 * Parses a command line against the command's spec, as getopt does: an option that takes a
 * value takes the next word whatever it looks like (`--max-depth -1` is a bad number, not
 * an ambiguity), `--` ends the options. Anything wrong is a UsageError naming it.
 */
export function parseCommandLine<S extends CommandSpec>(spec: S, argv: readonly string[]): Request<S> {
  const all: Record<string, OptionSpec> = { ...spec.options, ...COMMON_OPTIONS };
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries(all)) {
    config[name] = { type: o.kind === 'flag' ? 'boolean' : 'string', multiple: true };
    if (o.short) config[name].short = o.short;
  }
  // Not strict: unknown options and missing values come back as tokens, and we word the errors.
  const { tokens } = parseArgs({
    args: [...argv],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const seen: Record<string, (string | boolean)[]> = {};
  const args: string[] = [];
  const remember = (name: string, v: string | boolean) => {
    seen[name] = [...(seen[name] ?? []), v];
  };
  for (const token of tokens) {
    if (token.kind === 'positional') args.push(token.value);
    if (token.kind !== 'option') continue;
    const o = all[token.name];
    if (!o) {
      throw new UsageError(`unknown option '${token.rawName}'`, spec.name);
    }
    if (o.kind === 'flag') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`, spec.name);
      remember(token.name, true);
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${token.rawName} needs a value`, spec.name);
    remember(token.name, token.value);
  }
  if (seen.help) return { kind: 'help' };
  if (seen.version) return { kind: 'version' };
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const given = seen[name];
    if (o.kind === 'flag') values[name] = given !== undefined;
    else if (o.kind === 'text' && o.multiple) values[name] = given ?? [];
    else {
      const last = given?.at(-1);
      values[name] = typeof last === 'string' ? value(name, o, last, spec.name) : o.default;
    }
  }
  checkArgs(spec, args);
  return { kind: 'run', values: values as Values<S>, args };
}

function checkArgs(spec: CommandSpec, args: readonly string[]): void {
  spec.args.forEach((a, i) => {
    if (a.required && args[i] === undefined) throw new UsageError(`missing ${a.name}`, spec.name);
    const word = args[i];
    if (a.choices && word !== undefined && !a.choices.includes(word)) {
      throw new UsageError(`${a.name} is ${orList(a.choices)}, not '${word}'`, spec.name);
    }
  });
  const open = spec.args.at(-1)?.variadic === true;
  if (!open && args.length > spec.args.length) {
    throw new UsageError(`unexpected argument '${args[spec.args.length]}'`, spec.name);
  }
}
