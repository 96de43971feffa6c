import { describeError } from './_describe.js';
import { renderHelp } from './_help.js';
import { parseCommandLine } from './_parse.js';
import { Session } from './_session.js';
import type { CommandEntry } from './command.js';
import { Interrupted, OutputError, PipeClosed, UsageError } from './errors.js';
import type { Io } from './io.js';
import { version } from './version.js';

/** The exit code for an error that ended a run, after saying so on stderr (once, one line). */
export function failed(error: unknown, session: Session): number {
  // When the run was stopped, whatever the libraries threw on the way out is only the echo.
  const reason = session.signal.aborted ? session.signal.reason : error;
  if (reason instanceof PipeClosed) return 0;
  if (reason instanceof Interrupted) {
    session.progress.clear();
    return reason.exitCode;
  }
  if (reason instanceof UsageError) {
    session.report.error(undefined, `${reason.message} (see 'sys ${session.command} --help')`);
    return 2;
  }
  const { path, text } = describeError(reason);
  session.report.error(path, text);
  if (session.env.SYS_DEBUG && reason instanceof Error) session.io.stderr.write(`${reason.stack}\n`);
  return 2;
}

/** Parses `argv` for the command and runs it: help, version, or the work; resolves with the exit code. */
export async function runCommand(entry: CommandEntry, argv: readonly string[], io: Io): Promise<number> {
  const session = new Session(entry.name, io);
  try {
    const command = await entry.load();
    const request = parseCommandLine(command.spec, argv);
    if (request.kind === 'help') {
      io.stdout.write(renderHelp(entry.summary, command.spec));
      return 0;
    }
    if (request.kind === 'version') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    if (command.spec.cleansUp) io.trapSignals?.();
    const code = await command.run(request, session);
    session.finish();
    // The last writes failed (a reader gone, a full disk): that decides, as it would have mid-run.
    const stop = session.signal.reason;
    if (stop instanceof PipeClosed || stop instanceof OutputError) return failed(stop, session);
    return session.report.errors > 0 ? Math.max(code, 2) : code;
  } catch (error) {
    session.finish();
    return failed(error, session);
  }
}
