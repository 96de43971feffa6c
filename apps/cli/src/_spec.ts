/** An on/off option: `--follow`. */
export interface FlagOption {
  kind: 'flag';
  short?: string;
  help: string;
}

/** An option that takes text: `--prune PAT` (repeatable with `multiple`). */
export interface TextOption {
  kind: 'text';
  short?: string;
  /** The placeholder shown in help: `PAT`, `FILE`. */
  value: string;
  multiple?: boolean;
  default?: string;
  help: string;
}

/** An option that takes a whole number: `--top N`. */
export interface NumberOption {
  kind: 'number';
  short?: string;
  value: string;
  /** The smallest number accepted. @default 0 */
  min?: number;
  default?: number;
  help: string;
}

/** An option that takes one of a few words: `--type f|d|l`. */
export interface ChoiceOption {
  kind: 'choice';
  short?: string;
  choices: readonly string[];
  default?: string;
  help: string;
}

/** Any option of a command. */
export type OptionSpec = FlagOption | TextOption | NumberOption | ChoiceOption;

/** A positional argument as usage and help show it. */
export interface ArgSpec {
  /** Upper-case placeholder: `PATTERN`, `ROOT`. */
  name: string;
  /** Must be given. @default false */
  required?: boolean;
  /** Takes every remaining argument (only the last one may). @default false */
  variadic?: boolean;
  /** The words this argument may be (`tounix`, `todos`...). */
  choices?: readonly string[];
}

/**
 * Everything a command's parser and its `--help` are made of: the one definition both read,
 * so they cannot disagree.
 */
export interface CommandSpec {
  name: string;
  args: readonly ArgSpec[];
  /** One paragraph or more, shown under the usage line. */
  description: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** Two or three `[command line, what it does]` pairs; tests parse each one. */
  examples: readonly (readonly [string, string])[];
  /** What the exit codes mean for this command. */
  exit: string;
  /**
   * The command makes files (temps, pages) and removes them when stopped: SIGINT, SIGTERM and
   * SIGHUP are caught, and the run ends with 128 + the signal's number once it has cleaned up.
   * Commands without it make nothing, and a signal ends them at once, as it ends `ls`.
   */
  cleansUp?: boolean;
}

type ValueOf<O> = O extends { kind: 'flag' }
  ? boolean
  : O extends { kind: 'text'; multiple: true }
    ? string[]
    : O extends { kind: 'text'; default: string }
      ? string
      : O extends { kind: 'text' }
        ? string | undefined
        : O extends { kind: 'number'; default: number }
          ? number
          : O extends { kind: 'number' }
            ? number | undefined
            : O extends { kind: 'choice'; choices: readonly (infer C)[]; default: string }
              ? C
              : O extends { kind: 'choice'; choices: readonly (infer C)[] }
                ? C | undefined
                : never;

/** The parsed option values of a command, typed from its spec. */
export type Values<S extends CommandSpec> = { -readonly [K in keyof S['options']]: ValueOf<S['options'][K]> };

/** A command line parsed against a spec. */
export interface Parsed<S extends CommandSpec> {
  values: Values<S>;
  /** The positional arguments, their count and choices already checked. */
  args: string[];
}

/** Keeps a spec's literal types (choices, `multiple: true`) so `Values` can read them. */
export function defineSpec<const S extends CommandSpec>(spec: S): S {
  return spec;
}
