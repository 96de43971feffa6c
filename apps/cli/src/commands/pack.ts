import { type PackOptions, pack as packTree } from '@sys/pack';
import { unlessAborted } from '../_abort.js';
import { counted } from '../_counted.js';
import { describeError } from '../_describe.js';
import { existingPaths } from '../_paths.js';
import { openSink } from '../_sink.js';
import { defineSpec } from '../_spec.js';
import { outputTarget } from '../_target.js';
import { defineCommand } from '../command.js';

const spec = defineSpec({
  name: 'pack',
  args: [{ name: 'PATH', required: true, variadic: true }],
  description: `Pack files and directories into one readable text file (the @sys/pack format: a
'::::::PATH' line before each file, text as it is, binary as base64; see FORMAT.md).
Writes to stdout unless -o is given. -o FILE is written under a temp name and renamed over
FILE when complete, so a failed or interrupted run leaves no pack and no temp file; a
device or a fifo is written straight into; a symlink is followed (its target is replaced).
A PATH that is missing stops the run before anything is written.`,
  options: {
    output: { kind: 'text', short: 'o', value: 'FILE', help: 'write the pack to FILE (- for stdout)' },
    prune: { kind: 'text', value: 'PAT', multiple: true, help: 'do not enter directories matching PAT' },
    times: { kind: 'flag', help: 'record modification times (sys unpack restores them)' },
  },
  examples: [
    ['sys pack src docs -o project.pack --prune node_modules', 'src and docs in one file, without node_modules'],
    ['sys pack notes.txt | less', 'look at a pack without writing it anywhere'],
  ],
  exit: `0 done (what cannot be packed, such as sockets, is reported on stderr as a warning);
2 bad usage, a missing PATH, an -o that cannot be written.`,
  cleansUp: true,
});

/** `sys pack`: the chapter's pack1, made safe for any tree. */
export const pack = defineCommand(spec, async ({ values, args }, session) => {
  const inputs = existingPaths(args, session);
  if (session.report.errors > 0) return 2;
  const sink = openSink(outputTarget(values.output, session.cwd), session);
  const stop = () => sink.stop();
  session.signal.addEventListener('abort', stop, { once: true });
  try {
    const options: PackOptions = {
      cwd: session.cwd,
      prune: values.prune,
      times: values.times,
      exclude: sink.temp ? [sink.temp] : [],
      signal: session.signal,
      // The sink ends the stream itself: stdout is never ended, a file is fsynced and renamed.
      end: false,
      onError: (error) => {
        if (error.path === sink.temp || session.signal.aborted) return;
        const { path, text } = describeError(error.cause ?? error);
        session.report.warn(error.path ?? path, `not packed: ${error.cause ? text : error.reason}`);
      },
    };
    // On a terminal, a count of what has been written; elsewhere nothing stands between pack and the sink.
    const mib = (bytes: number) => `pack: ${(bytes / 2 ** 20).toFixed(1)} MiB written`;
    const out = session.progress.active
      ? counted(sink.stream, (bytes) => session.progress.update(() => mib(bytes)))
      : { stream: sink.stream, flushed: async () => {} };
    const paths = inputs.map((i) => i.typed);
    await unlessAborted(packTree(paths, out.stream, options), session.signal);
    await out.flushed();
    session.signal.throwIfAborted();
    await sink.commit();
  } catch (error) {
    sink.discard();
    throw error;
  } finally {
    session.signal.removeEventListener('abort', stop);
  }
  return 0;
});
