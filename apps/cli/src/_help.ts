import { COMMON_OPTIONS } from './_parse.js';
import type { ArgSpec, CommandSpec, OptionSpec } from './_spec.js';

function argWord(a: ArgSpec): string {
  const word = (a.choices ? a.choices.join('|') : a.name) + (a.variadic ? '...' : '');
  return a.required ? word : `[${word}]`;
}

/** `sys find PATTERN [ROOT...] [options]` */
export function usageLine(spec: CommandSpec): string {
  return ['sys', spec.name, ...spec.args.map(argWord), '[options]'].join(' ');
}

/** How an option is written in help and completions: `-o, --output FILE`. */
export function optionWords(name: string, o: OptionSpec): string {
  const long = `--${name}`;
  const flag = o.short ? (o.short === name ? `-${name}` : `-${o.short}, ${long}`) : `    ${long}`;
  if (o.kind === 'flag') return flag;
  return `${flag} ${o.kind === 'choice' ? o.choices.join('|') : o.value}`;
}

function optionHelp(o: OptionSpec): string {
  const extra: string[] = [];
  if (o.kind === 'text' && o.multiple) extra.push('repeatable');
  if (o.kind !== 'flag' && o.default !== undefined) extra.push(`default ${o.default}`);
  return extra.length ? `${o.help} (${extra.join('; ')})` : o.help;
}

/**
 * The whole `sys COMMAND --help` text, made from the same spec the parser reads: usage,
 * what it does, every option, examples, exit status.
 */
export function renderHelp(summary: string, spec: CommandSpec): string {
  const options = Object.entries({ ...spec.options, ...COMMON_OPTIONS });
  const words = options.map(([name, o]) => optionWords(name, o));
  const width = Math.max(...words.map((w) => w.length));
  const lines = options.map(([, o], i) => `  ${(words[i] ?? '').padEnd(width)}  ${optionHelp(o)}`);
  const examples = spec.examples.map(([line, what]) => `  ${line}\n      ${what}`);
  return [
    `Usage: ${usageLine(spec)}`,
    '',
    `${summary[0]?.toUpperCase()}${summary.slice(1)}.`,
    ...(spec.description ? ['', spec.description.trim()] : []),
    '',
    'Options:',
    ...lines,
    '',
    'Examples:',
    ...examples,
    '',
    `Exit status: ${spec.exit.trim()}`,
    '',
  ].join('\n');
}
