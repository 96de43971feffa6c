import { closeSync, openSync } from 'node:fs';
import { OptionError } from '@sys/core';
import { Capture, capLimit, empty, type OutputEncoding } from './_capture.js';
import { closePipes, type OsPipe, osPipes } from './_os-pipe.js';
import { checkStart, type Started, type StartOptions, spawnError, start } from './_spawn.js';
import { checkInput, type InputChoice, type OutputChoice, planStdio } from './_stdio.js';
import { endTree } from './_tree.js';
import { type EndOptions, ending, type Failure, positive, watch } from './_watch.js';
import { ProcessError } from './errors.js';
import type { PipelineResult, RunResult, StageResult } from './results.js';

/** Options for `pipeline`. */
export interface PipelineOptions extends Omit<StartOptions, 'shell'>, EndOptions {
  /** Text or bytes written to the first stage's stdin, which is then closed. */
  input?: string | Uint8Array;
  /** Where the first stage reads from when there is no `input`. @default 'pipe' (end of file at once) */
  stdin?: InputChoice;
  /** Where the last stage writes; 'pipe' is captured into the result. @default 'pipe' */
  stdout?: OutputChoice;
  /** Where every stage's stderr goes; 'pipe' captures each stage's own. @default 'pipe' */
  stderr?: 'pipe' | 'inherit' | 'ignore' | number | { file: string; append?: boolean };
  /** Text encoding of captured output, or 'buffer' for bytes. @default 'utf8' */
  encoding?: OutputEncoding;
  /** Bytes kept at most from the output and from each stderr; past it the pipeline is ended. @default 100 MiB */
  maxBuffer?: number;
  /** Reject with a ProcessError naming the failing stage when one fails (pipefail). @default false */
  check?: boolean;
}

const MAX_BUFFER = 100 * 1024 * 1024;

/** The rightmost stage that failed (a non-zero code or a signal), as bash's pipefail picks it. */
function failedStage(stages: readonly StageResult<string | Buffer>[]): number {
  for (let i = stages.length - 1; i >= 0; i--) {
    const s = stages[i] as StageResult<string | Buffer>;
    if (s.code !== 0 || s.signal) return i;
  }
  return -1;
}

/**
 * Runs `a | b | c`: stages are joined by real pipes, so the bytes go from child to child
 * through the kernel and never through JavaScript, and a writer whose reader left dies of
 * SIGPIPE, as in a shell. Resolves with the last stage's output and every stage's status.
 */
export function pipeline(
  commands: readonly (readonly string[])[],
  options?: PipelineOptions & { encoding?: BufferEncoding },
): Promise<PipelineResult>;
/** Runs a pipeline and resolves with its output as bytes. */
export function pipeline(
  commands: readonly (readonly string[])[],
  options: PipelineOptions & { encoding: 'buffer' },
): Promise<PipelineResult<Buffer>>;
export function pipeline(
  commands: readonly (readonly string[])[],
  options: PipelineOptions = {},
): Promise<PipelineResult<string | Buffer>> {
  return new Promise((resolve, reject) => {
    if (!Array.isArray(commands) || commands.length === 0) {
      throw new OptionError('commands', 'expected a non-empty array of commands');
    }
    const encoding = options.encoding ?? 'utf8';
    const limit = capLimit(positive('maxBuffer', options.maxBuffer, MAX_BUFFER), encoding);
    const ends = ending(options);
    const grace = ends.grace;
    // A stage in a session of its own is a scheduler autogroup of its own on Linux, and
    // bytes between groups flowed ~40% slower here: stages stay in our group unless a
    // timeout or signal may have to end their trees.
    const mayEnd = options.timeout !== undefined || options.signal !== undefined;
    const stageOptions = { ...options, group: options.group ?? (mayEnd ? undefined : false) };
    for (const command of commands) checkStart(command, stageOptions);
    checkInput(options);
    // The pipes are made first, without holding the event loop; the stages start once they exist.
    const startStages = (pipes: OsPipe[]) => {
      const started: Started[] = [];
      const errs: (Capture | undefined)[] = [];
      let out: Capture | undefined;
      let failure: Failure | undefined;
      let settled = false;
      const end = (f: Failure) => {
        if (failure || settled) return;
        failure = f;
        for (const s of started) endTree(s.child, s.group, ends.killSignal, grace);
      };
      const overflow = (name: string) => () => end({ reason: 'maxBuffer', detail: `${limit} bytes on ${name}` });
      // One descriptor for a stderr file, shared by every stage, so no stage truncates another's.
      const errChoice = options.stderr ?? 'pipe';
      let errFd: number | undefined;
      // Stages are joined by real pipes, so a writer whose reader left dies of SIGPIPE.
      try {
        if (typeof errChoice === 'object') errFd = openSync(errChoice.file, errChoice.append ? 'a' : 'w');
        commands.forEach((command, i) => {
          const first = i === 0;
          const last = i === commands.length - 1;
          const stdin: InputChoice = first
            ? options.input === undefined
              ? (options.stdin ?? 'pipe')
              : 'pipe'
            : (pipes[i - 1] as OsPipe).read;
          const stdout = last ? (options.stdout ?? 'pipe') : (pipes[i] as OsPipe).write;
          const plan = planStdio(stdin, stdout, errFd ?? errChoice);
          const s = start(command, stageOptions, plan);
          started.push(s);
          errs.push(
            plan.stdio[2] === 'pipe' && s.child.stderr
              ? new Capture(s.child.stderr, limit, overflow(`stderr of stage ${i}`))
              : undefined,
          );
          if (last && plan.stdio[1] === 'pipe' && !plan.sinks[0] && s.child.stdout) {
            out = new Capture(s.child.stdout, limit, overflow('stdout'));
          }
          if (first && s.child.stdin && !plan.feed) s.child.stdin.end(options.input);
        });
      } catch (error) {
        for (const s of started) endTree(s.child, s.group, 'SIGKILL', grace);
        throw error;
      } finally {
        // The children hold their own copies: ours would keep a reader from ever seeing the end.
        closePipes(pipes);
        if (errFd !== undefined) closeSync(errFd);
      }
      const disarm = watch(ends, end);
      const closed = started.map(
        (s, i) =>
          new Promise<StageResult<string | Buffer>>((done, fail) => {
            s.child.once('error', (error) => {
              if (s.child.pid === undefined) fail(spawnError([...(commands[i] as string[])], error, options.cwd));
            });
            s.child.once('close', (code, signal) =>
              done({
                command: [...(commands[i] as string[])],
                code,
                signal,
                stderr: errs[i]?.value(encoding) ?? empty(encoding),
              }),
            );
          }),
      );
      Promise.all(closed).then(
        (stages) => {
          settled = true;
          disarm();
          const stderrs = stages.map((s) => s.stderr);
          const result: PipelineResult<string | Buffer> = {
            stdout: out ? out.value(encoding) : empty(encoding),
            stderr: encoding === 'buffer' ? Buffer.concat(stderrs as Buffer[]) : (stderrs as string[]).join(''),
            stages,
          };
          const bad = failedStage(stages);
          if (failure || (options.check && bad >= 0)) {
            const at = failure ? Math.max(bad, 0) : bad;
            reject(new ProcessError(stageResult(result, at), { ...failure, stage: at, pipeline: result }));
          } else resolve(result);
        },
        (error) => {
          settled = true;
          disarm();
          for (const s of started) endTree(s.child, s.group, 'SIGKILL', grace);
          reject(error);
        },
      );
    };
    osPipes(commands.length - 1)
      .then(startStages)
      .catch(reject);
  });
}

/** One stage's view of a pipeline result, as a ProcessError carries it. */
function stageResult(r: PipelineResult<string | Buffer>, at: number): RunResult<string | Buffer> {
  const s = r.stages[at] as StageResult<string | Buffer>;
  return { command: s.command, stdout: r.stdout, stderr: s.stderr, code: s.code, signal: s.signal };
}
