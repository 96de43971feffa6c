import { resolve } from 'node:path';
import { type EntryHeader, list, unpack as unpackStream } from '@sys/pack';
import { inPack, openInput } from '../_input.js';
import { quoteName } from '../_quote.js';
import { defineSpec } from '../_spec.js';
import { defineCommand } from '../command.js';

const spec = defineSpec({
  name: 'unpack',
  args: [{ name: 'FILE' }],
  description: `Unpack a pack (the @sys/pack format, the chapter's pack1 output, or more output) from FILE
or stdin (FILE missing or -) into DIR (default: here). Nothing is ever written outside DIR:
absolute paths, '..', backslashes, drive letters and paths through symlinks are refused with
the entry's line. Existing files are kept unless --force. The whole pack is checked in a
private staging folder first: a truncated, edited or refused pack leaves nothing behind.
Prints each entry; names with control characters are shown quoted and escaped.`,
  options: {
    directory: { kind: 'text', short: 'C', value: 'DIR', help: 'unpack into DIR (made if missing)' },
    force: { kind: 'flag', help: "overwrite files that exist, and give existing directories the pack's modes" },
    'keep-special-bits': {
      kind: 'flag',
      help: 'keep setuid, setgid and sticky bits from the pack (cleared otherwise)',
    },
    list: { kind: 'flag', help: 'print the entries (checking the whole pack), write nothing' },
    'dry-run': { kind: 'flag', help: 'check everything and print what would be written, write nothing' },
    print0: { kind: 'flag', short: '0', help: 'print each entry name as it is, ended by NUL (no quoting, no / or ->)' },
    json: { kind: 'flag', help: 'one JSON object an entry: {"path", "type", "mode", "target", "size"}' },
  },
  examples: [
    ['sys unpack project.pack --list', 'what the pack holds; checks it whole first'],
    ['sys unpack project.pack -C copy', 'recreate the packed files under copy/'],
    ['curl -s URL | sys unpack - -C copy --dry-run', 'check a downloaded pack without writing'],
  ],
  exit: '0 done; 2 bad usage, a missing FILE, or a malformed or unsafe pack.',
  cleansUp: true,
});

/** How an entry is listed: directories end in /, symlinks show their target; names quoted when odd. */
export function describeEntry(e: EntryHeader): string {
  const name = quoteName(e.path, Number.POSITIVE_INFINITY);
  if (e.type === 'dir') return `${name}/`;
  if (e.type === 'symlink') return `${name} -> ${quoteName(e.target ?? '', Number.POSITIVE_INFINITY)}`;
  return name;
}

/** One entry as JSON: what the pack says of it (the size only when listing, where it is known). */
function entryJson(e: EntryHeader & { size?: number }): string {
  const { path, type, mode, target, size } = e;
  return JSON.stringify({ path, type, mode, target, size, mtime: e.mtime === undefined ? undefined : String(e.mtime) });
}

/** `sys unpack`: the chapter's unpack1, refusing anything that would escape the destination. */
export const unpack = defineCommand(spec, async ({ values, args }, session) => {
  const source = await openInput(args[0], session);
  const out = session.output(values.print0 ? '\0' : '\n');
  const show = (e: EntryHeader & { size?: number }) =>
    values.json ? entryJson(e) : values.print0 ? e.path : describeEntry(e);
  let entries = 0;
  try {
    if (values.list) {
      for await (const e of list(source, { signal: session.signal })) {
        out.write(show(e));
        if (out.due) await out.settle();
      }
      return 0;
    }
    await unpackStream(source, {
      dest: resolve(session.cwd, values.directory ?? '.'),
      force: values.force,
      dryRun: values['dry-run'],
      keepSpecialBits: values['keep-special-bits'],
      signal: session.signal,
      onEntry: (e) => {
        out.write(show(e));
        entries++;
        session.progress.update(
          () => `unpack: ${entries.toLocaleString('en')} entr${entries === 1 ? 'y' : 'ies'}`,
          e.path,
        );
      },
    });
  } catch (error) {
    throw inPack(error, args[0]);
  }
  return 0;
});
