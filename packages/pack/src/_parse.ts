import { createHash } from 'node:crypto';
import { PackFormatError } from './errors.js';
import {
  BACKSLASH,
  COLON,
  type EntryHeader,
  escapeVerdict,
  HEADER,
  LF_BACKSLASH,
  LF_COLON,
  MARKER,
  MORE_RULE,
  parseSeparator,
  VERSION,
} from './format.js';

/** The formats `unpack` reads. */
export type Format = 'sys-pack' | 'pack1' | 'more';

/** Where parsed entries go: written to disk, or only listed. */
export interface Sink {
  /** A new entry begins at `line`. */
  begin(entry: EntryHeader, line: number): Promise<void>;
  /** Bytes of the current file entry. */
  write(bytes: Buffer): Promise<void>;
  /** The current entry is complete. */
  end(): Promise<void>;
  /** The pack broke off inside the current entry: drop it. */
  abort(): Promise<void>;
}

/** The longest separator, name or base64 line accepted: anything longer is malformed. */
const MAX_LINE = 64 * 1024;
const LF = 10;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function countLines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/**
 * Reads a pack from a byte stream and feeds its entries to a sink, in constant memory:
 * content between the few line starts that matter (':' and '\\') is passed on in bulk.
 * Detects the format from the first line; for the @sys/pack format checks the trailer's
 * count and SHA-256 at the end. Throws PackFormatError with the line number.
 */
export async function parse(
  source: AsyncIterable<Buffer | string>,
  sink: Sink,
): Promise<{ format: Format; entries: number }> {
  const hash = createHash('sha256');
  let format: Format | undefined;
  let entries = 0;
  let current: EntryHeader | undefined;
  let pendingLF = false; // a content LF held back: the last one of a noeol file is not written
  let done = false; // the trailer has been read
  let line = 1;
  let atLineStart = true;
  let buf: Buffer = Buffer.alloc(0);
  let pos = 0;
  let eof = false;
  const iterator = source[Symbol.asyncIterator]();

  // Annotated, so that `if (!x) fail(...)` narrows `x` afterwards.
  const fail: (reason: string, at?: number) => never = (reason, at = line) => {
    throw new PackFormatError(at, reason);
  };
  /** Reads more input; false at the end of the stream. */
  const more = async (): Promise<boolean> => {
    if (eof) return false;
    const next = await iterator.next();
    if (next.done) {
      eof = true;
      return false;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    buf = pos < buf.length ? Buffer.concat([buf.subarray(pos), chunk]) : chunk;
    pos = 0;
    return true;
  };
  /** The whole line at `pos` (without LF), reading more if needed; undefined at the end of input. */
  const wholeLine = async (from = pos): Promise<{ text: Buffer; next: number } | undefined> => {
    for (;;) {
      const lf = buf.indexOf(LF, from);
      if (lf !== -1) {
        if (lf - from > MAX_LINE) fail('line too long');
        return { text: buf.subarray(from, lf), next: lf + 1 };
      }
      if (buf.length - from > MAX_LINE) fail('line too long');
      const offset = from - pos;
      if (!(await more())) return undefined;
      from = pos + offset;
    }
  };
  const content = async (bytes: Buffer) => {
    if (bytes.length === 0) return;
    if (pendingLF) await sink.write(Buffer.from('\n'));
    pendingLF = bytes[bytes.length - 1] === LF;
    await sink.write(pendingLF ? bytes.subarray(0, bytes.length - 1) : bytes);
  };
  const finish = async () => {
    if (!current) return;
    if (pendingLF && !current.noeol) await sink.write(Buffer.from('\n'));
    pendingLF = false;
    await sink.end();
    current = undefined;
  };
  const start = async (entry: EntryHeader, at: number) => {
    await finish();
    if (done) fail('an entry after the trailer', at);
    entries++;
    current = entry;
    await sink.begin(entry, at);
  };

  try {
    // The first line tells the format.
    const first = await wholeLine();
    if (!first) fail('empty input: not a pack');
    const head = first.text.toString();
    if (head.endsWith('\r')) {
      fail('the pack has CRLF line endings (converted as text on the way?): convert it back to LF, then unpack');
    }
    if (head.startsWith(`${MARKER}\t`) && head !== HEADER) {
      const version = /^sys-pack (\d+)$/.exec(head.slice(MARKER.length + 1))?.[1];
      fail(version ? `sys-pack version ${version}: this reads version ${VERSION}` : `not a pack: unknown first line`);
    }
    if (head === HEADER) {
      format = 'sys-pack';
      hash.update(buf.subarray(pos, first.next));
      pos = first.next;
      line = 2;
    } else if (head === MORE_RULE) format = 'more';
    else if (head.startsWith(MARKER)) format = 'pack1';
    else fail(`not a pack: the first line is neither '${HEADER}', a '${MARKER}NAME' line nor a more rule`);

    for (;;) {
      if (pos >= buf.length && !(await more())) break;
      if (atLineStart) {
        const c = buf[pos];
        if (current?.base64 && c !== COLON) {
          const l = await wholeLine();
          if (!l) fail('truncated inside base64 data');
          const text = l.text.toString('latin1');
          if (!B64.test(text) || text.length > 76) fail('bad base64 line');
          if (format === 'sys-pack') hash.update(buf.subarray(pos, l.next));
          await sink.write(Buffer.from(text, 'base64'));
          pos = l.next;
          line++;
          continue;
        }
        if (c === COLON && (await separatorAhead(format))) {
          const l = await wholeLine();
          const text = l ? l.text.toString() : buf.subarray(pos).toString();
          if (format === 'more' && text === MORE_RULE) {
            const named = await moreHeader(l?.next);
            if (named) {
              await start({ path: named.name, type: 'file' }, line + 1);
              pos = named.next;
              line += 3;
              continue;
            }
          } else if (text.startsWith(MARKER) && format !== 'more') {
            if (!l) fail('truncated separator line');
            const sepLine = line;
            if (format === 'pack1') {
              await start({ path: text.slice(MARKER.length), type: 'file' }, sepLine);
            } else {
              const parsed = parseSeparator(text);
              if (parsed.kind === 'bad') fail(parsed.reason);
              if (parsed.kind === 'header') fail('a second header');
              if (parsed.kind === 'trailer') {
                await finish();
                if (parsed.entries !== entries)
                  fail(`the trailer counts ${parsed.entries} entries, the pack has ${entries}`);
                if (parsed.sha256 !== hash.digest('hex')) fail('checksum mismatch: the pack was edited or damaged');
                done = true;
              } else if (parsed.kind === 'entry') {
                await start(parsed.entry, sepLine);
              }
              if (!done) hash.update(buf.subarray(pos, l.next));
            }
            pos = l.next;
            line++;
            continue;
          }
        }
        if (done) fail('data after the trailer');
        if (!current) fail('content before the first entry');
        if (current.base64) fail('bad base64 line');
        if ((current as EntryHeader).type !== 'file') fail(`content under a ${(current as EntryHeader).type} entry`);
        if (c === BACKSLASH && format === 'sys-pack') {
          // `\`*`::::::` gained one backslash when it was packed; other lines are as they were.
          const verdict = escapeVerdict(buf, pos);
          if (verdict === 'undecided' && !eof) {
            if (buf.length - pos > MAX_LINE) fail('line too long');
            await more();
            continue;
          }
          if (verdict === 'escape') {
            hash.update(buf.subarray(pos, pos + 1));
            pos++;
          }
        }
      }
      // Bulk content up to the next line start that begins with ':' or '\\'.
      let next = buf.indexOf(LF_COLON, pos);
      const nextEscape = format === 'sys-pack' ? buf.indexOf(LF_BACKSLASH, pos) : -1;
      if (nextEscape !== -1 && (next === -1 || nextEscape < next)) next = nextEscape;
      const end = next === -1 ? buf.length : next + 1;
      const slice = buf.subarray(pos, end);
      if (format === 'sys-pack') hash.update(slice);
      if (current?.type === 'file') await content(slice);
      else if (slice.length > 0 && !done) fail('content before the first entry');
      else if (done && slice.length > 0) fail('data after the trailer');
      line += countLines(buf, pos, end);
      atLineStart = end > pos ? buf[end - 1] === LF : atLineStart;
      pos = end;
    }
    if (format === 'sys-pack' && !done) {
      await sink.abort();
      current = undefined;
      fail('truncated: the pack ends without its trailer line');
    }
    if (format === 'more' && current === undefined && entries === 0) fail('no file in more output');
    await finish();
    return { format: format as Format, entries };
  } catch (error) {
    if (current) await sink.abort();
    throw error;
  } finally {
    // Stopping early (an error) must still close the input, as a for-await loop would.
    if (!eof) await iterator.return?.();
  }

  /**
   * Whether the line at `pos`, which starts with ':', may be a separator: it starts with
   * the format's marker. Only then is it read whole, so content lines of any length that
   * start with ':' pass in bulk.
   */
  async function separatorAhead(format: Format): Promise<boolean> {
    const marker = format === 'more' ? MORE_RULE : MARKER;
    while (buf.length - pos < marker.length && (await more()));
    return buf.toString('latin1', pos, pos + marker.length) === marker;
  }

  /** After a more rule at `pos`: the name line and the closing rule, if that is what follows. */
  async function moreHeader(afterRule: number | undefined): Promise<{ name: string; next: number } | undefined> {
    if (afterRule === undefined) return undefined;
    const name = await wholeLine(afterRule);
    if (!name) return undefined;
    const rule = await wholeLine(name.next);
    if (!rule || rule.text.toString() !== MORE_RULE) return undefined;
    return { name: name.text.toString(), next: rule.next };
  }
}
