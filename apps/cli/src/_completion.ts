import type { CommandSpec, OptionSpec } from './_spec.js';

/** A command as completion scripts need it: its name, summary and spec. */
export interface Completable {
  name: string;
  summary: string;
  spec: CommandSpec;
}

/** The words an option's value may be, or undefined when its value is free (a file, a pattern). */
function valueWords(o: OptionSpec): readonly string[] | undefined {
  return o.kind === 'choice' ? o.choices : undefined;
}

/** Every way of writing each option of a spec: `--type`, `-0`, `-o` and `--output`. */
function optionForms(spec: CommandSpec): string[] {
  const forms = ['--help', '-h', '--version'];
  for (const [name, o] of Object.entries(spec.options)) {
    if (o.short !== name) forms.push(`--${name}`);
    if (o.short) forms.push(`-${o.short}`);
  }
  return forms;
}

const sq = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A bash completion script: `eval "$(sys completion bash)"`. */
export function bashScript(commands: readonly Completable[]): string {
  const cases = commands.map((c) => {
    const takesValue = Object.entries(c.spec.options)
      .filter(([, o]) => o.kind !== 'flag')
      .map(([name, o]) => {
        const forms = [o.short !== name ? `--${name}` : '', o.short ? `-${o.short}` : ''].filter(Boolean).join('|');
        const words = valueWords(o);
        const reply = words
          ? `COMPREPLY=($(compgen -W ${sq(words.join(' '))} -- "$cur"))`
          : o.kind === 'number'
            ? 'COMPREPLY=()'
            : 'COMPREPLY=($(compgen -f -- "$cur"))';
        return `        ${forms}) ${reply}; return ;;`;
      });
    const first = c.spec.args[0]?.choices;
    return [
      `    ${c.name})`,
      `      opts=${sq(optionForms(c.spec).join(' '))}`,
      first ? `      firstargs=${sq(first.join(' '))}` : '      firstargs=',
      '      case "$prev" in',
      ...takesValue,
      '      esac ;;',
    ].join('\n');
  });
  return `# sys completion for bash: eval "$(sys completion bash)", or save it in bash-completion's folder
_sys() {
  local cur prev opts firstargs i positionals=0
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${sq([...commands.map((c) => c.name), 'help'].join(' '))} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
    help) COMPREPLY=($(compgen -W ${sq(commands.map((c) => c.name).join(' '))} -- "$cur")); return ;;
${cases.join('\n')}
    *) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  for ((i = 2; i < COMP_CWORD; i++)); do [[ "\${COMP_WORDS[i]}" != -* ]] && positionals=$((positionals + 1)); done
  if [ -n "$firstargs" ] && [ "$positionals" -eq 0 ]; then
    COMPREPLY=($(compgen -W "$firstargs" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _sys sys
`;
}

const zq = (text: string) =>
  text.replaceAll("'", "'\\''").replaceAll('[', '\\[').replaceAll(']', '\\]').replaceAll(':', '\\:');

/** A zsh completion script: `eval "$(sys completion zsh)"`, or saved as `_sys` on $fpath. */
export function zshScript(commands: readonly Completable[]): string {
  const cases = commands.map((c) => {
    const specs = Object.entries(c.spec.options).map(([name, o]) => {
      const value =
        o.kind === 'flag'
          ? ''
          : o.kind === 'choice'
            ? `:${name}:(${o.choices.join(' ')})`
            : `:${o.value}:${o.kind === 'number' ? ' ' : '_files'}`;
      const rest = `[${zq(o.help)}]${value}'`;
      const repeat = o.kind === 'text' && o.multiple ? '*' : '';
      if (o.short && o.short !== name) return `'${repeat}'{-${o.short},--${name}}'${rest}`;
      return `'${repeat}${o.short ? `-${name}` : `--${name}`}${rest}`;
    });
    const first = c.spec.args[0]?.choices;
    const positional = first ? `'1:${c.spec.args[0]?.name}:(${first.join(' ')})' '*:file:_files'` : `'*:file:_files'`;
    return `    ${c.name}) _arguments -s ${[...specs, "'(- *)'{-h,--help}'[show help]'", "'(- *)--version[print the version]'", positional].join(' ')} ;;`;
  });
  const described = commands.map((c) => `'${c.name}:${zq(c.summary)}'`).join(' ');
  return `#compdef sys
# sys completion for zsh: eval "$(sys completion zsh)", or save it as _sys in a folder on $fpath
_sys() {
  local -a commands
  commands=(${described})
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local command=$words[2]
  shift words
  (( CURRENT-- ))
  case $command in
    help) _describe 'command' commands ;;
${cases.join('\n')}
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _sys "$@"; else compdef _sys sys; fi
`;
}

/** A fish completion script: `sys completion fish | source`, or saved in ~/.config/fish/completions/sys.fish. */
export function fishScript(commands: readonly Completable[]): string {
  const names = commands.map((c) => c.name).join(' ');
  const lines = [
    '# sys completion for fish: sys completion fish | source',
    'complete -c sys -f',
    ...commands.map((c) => `complete -c sys -n '__fish_use_subcommand' -a ${c.name} -d ${sq(c.summary)}`),
    `complete -c sys -n '__fish_use_subcommand' -a help -d 'show the help of a command'`,
    `complete -c sys -n '__fish_seen_subcommand_from help' -a ${sq(names)}`,
  ];
  for (const c of commands) {
    const when = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const [name, o] of Object.entries(c.spec.options)) {
      const flags = [o.short !== name ? `-l ${name}` : '', o.short ? `-s ${o.short}` : ''].filter(Boolean).join(' ');
      const value = o.kind === 'flag' ? '' : o.kind === 'choice' ? ` -x -a ${sq(o.choices.join(' '))}` : ' -r -F';
      lines.push(`complete -c sys ${when} ${flags}${value} -d ${sq(o.help)}`);
    }
    lines.push(
      `complete -c sys ${when} -s h -l help -d 'show help'`,
      `complete -c sys ${when} -l version -d 'print the version'`,
    );
    const first = c.spec.args[0]?.choices;
    if (first) lines.push(`complete -c sys ${when} -a ${sq(first.join(' '))}`);
    else lines.push(`complete -c sys ${when} -F`);
  }
  return `${lines.join('\n')}\n`;
}
