import type { FsPath } from '@sys/core';
import { DEFAULT_PRUNE, type Detection, detectFile } from '@sys/eoln';
import { compile, findEntries } from '@sys/find';
import { decodeName, rawPaths } from '../_bytes.js';
import { describeError } from '../_describe.js';
import { pathRecord } from '../_names.js';
import type { RecordWriter } from '../_output.js';
import type { PathArg } from '../_paths.js';
import type { Session } from '../_session.js';

const HEADER = '    CRLF      LF      CR  BOM     TYPE    FILE';

/** `sys eoln info`: counts, BOM and text/binary per file, as a table or JSON lines. */
export async function info(
  paths: readonly PathArg[],
  values: { pattern: string[]; prune: string[]; json: boolean },
  session: Session,
  out: RecordWriter,
): Promise<number> {
  const wanted = values.pattern.map((p) => compile(p));
  // The header comes with the first row, so a run that finds nothing prints only its errors.
  let header = values.json;
  const seen = new Map<string, number>();
  const report = async (path: FsPath, shown: string) => {
    let d: Detection;
    try {
      d = await detectFile(path);
    } catch (error) {
      session.report.error(shown, describeError(error).text);
      return;
    }
    if (values.json) {
      out.write(
        JSON.stringify({ path: shown, crlf: d.crlf, lf: d.lf, cr: d.cr, bom: d.bom ?? null, binary: d.binary }),
      );
    } else {
      if (!header) out.write(HEADER);
      header = true;
      const cell = (n: number) => String(n).padStart(8);
      const name = pathRecord(shown, session.terminal);
      const row = `${cell(d.crlf)}${cell(d.lf)}${cell(d.cr)}  ${(d.bom ?? 'no_bom').padEnd(8)}${d.binary ? 'binary' : 'text  '}  `;
      out.write(typeof name === 'string' ? row + name : Buffer.concat([Buffer.from(row), name]));
    }
    if (out.due) await out.settle();
  };
  for (const given of paths) {
    if (!given.stats.isDirectory()) {
      await report(given.path, given.typed);
      continue;
    }
    const prune = values.prune.length > 0 ? values.prune : DEFAULT_PRUNE;
    const files = findEntries('*', given.path, { type: 'file', prune, signal: session.signal });
    for await (const { path: file } of files) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      if (wanted.length > 0 && !wanted.some((p) => p(name))) continue;
      if (!file.includes('\uFFFD')) {
        await report(file, given.show(file));
        continue;
      }
      // A name that is not UTF-8 comes from the walk with U+FFFD, which names another file, and
      // so may others beside it: the k-th time a path comes, it is the k-th file it stands for.
      const candidates = rawPaths(file);
      const k = (seen.get(file) ?? 0) % candidates.length;
      seen.set(file, k + 1);
      const bytes = candidates[k] as Buffer;
      await report(bytes, given.show(decodeName(bytes)));
    }
  }
  return 0;
}
