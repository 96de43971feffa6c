import { createHash } from 'node:crypto';
import { countLines, MAX_LINE, MORE, Window } from './_lines.js';
import type { Sink } from './_sink.js';
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
import type { Format } from './read-options.js';

const LF = 10;
const NEWLINE = Buffer.from('\n');
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads a pack from a byte stream and feeds its entries to a sink, in constant memory:
 * content between the few line starts that matter (':' and '\\') is passed on in bulk.
 * Detects the format from the first line; for the @sys/pack format checks the trailer's
 * count and SHA-256 at the end. Throws PackFormatError with the line number.
 */
export function parse(
  source: AsyncIterable<Buffer | string>,
  sink: Sink,
): Promise<{ format: Format; entries: number }> {
  return new Parser(new Window(source), sink).run();
}

/**
 * One pass over a pack: the entry being read, the hash so far, and what each kind of line
 * does. Lines are handled synchronously from the buffer; a handler that needs more input
 * says MORE before it changes anything, and is called again once more is read.
 */
class Parser {
  readonly #hash = createHash('sha256');
  #format: Format = 'pack1';
  #entries = 0;
  #current: EntryHeader | undefined;
  /** A content LF held back: the last one of a noeol file is not written. */
  #pendingLF = false;
  /** The trailer has been read. */
  #done = false;
  #atLineStart = true;
  /** The last search for an escaped line: in which buffer, from where, and what it found. */
  #escapeSearch: { buf: Buffer; from: number; at: number } | undefined;
  /**
   * A sys-pack's checksum covers every byte from its header to its trailer line: they are
   * hashed in bulk, from `#hashFrom` to what is consumed, before the buffer is replaced.
   */
  #hashing = false;
  #hashFrom = 0;
  /** What the sink's `end` asked to wait for, awaited before the next line. */
  #waiting: Promise<void> | undefined;

  constructor(
    readonly w: Window,
    readonly sink: Sink,
  ) {}

  async run(): Promise<{ format: Format; entries: number }> {
    const w: Window = this.w;
    try {
      await this.#detect();
      while (w.pos < w.buf.length || (await this.#more())) {
        if (this.#atLineStart) {
          const handled = this.#lineStart();
          if (handled === MORE) await this.#more();
          if (this.#waiting) await this.#settle();
          if (handled !== false) continue;
        }
        this.#bulk();
      }
      if (this.#format === 'sys-pack' && !this.#done) {
        this.sink.abort();
        this.#current = undefined;
        w.fail('truncated: the pack ends without its trailer line');
      }
      if (this.#format === 'more' && this.#entries === 0) w.fail('no file in more output');
      this.#finish();
      await this.#settle();
      return { format: this.#format, entries: this.#entries };
    } catch (error) {
      if (this.#current) this.sink.abort();
      throw error;
    } finally {
      await w.close();
    }
  }

  /** The first line tells the format; damaged or foreign first lines say what they are. */
  async #detect(): Promise<void> {
    const w: Window = this.w;
    const first = await w.wholeLine();
    if (!first) w.fail('empty input: not a pack');
    const head = first.text.toString();
    if (head.endsWith('\r')) {
      w.fail('the pack has CRLF line endings (converted as text on the way?): convert it back to LF, then unpack');
    }
    if (head.startsWith(`${MARKER}\t`) && head !== HEADER) {
      const version = /^sys-pack (\d+)$/.exec(head.slice(MARKER.length + 1))?.[1];
      w.fail(version ? `sys-pack version ${version}: this reads version ${VERSION}` : 'not a pack: unknown first line');
    }
    if (head === HEADER) {
      this.#format = 'sys-pack';
      this.#hashing = true;
      this.#hashFrom = w.pos;
      this.#consume(first.next);
    } else if (head === MORE_RULE) this.#format = 'more';
    else if (head.startsWith(MARKER)) this.#format = 'pack1';
    else w.fail(`not a pack: the first line is neither '${HEADER}', a '${MARKER}NAME' line nor a more rule`);
  }

  /**
   * Handles the start of a line: a base64 line, a separator, or the checks and unescaping
   * due before content. True when the line was consumed whole; MORE when input must be read first.
   */
  #lineStart(): boolean | typeof MORE {
    const w: Window = this.w;
    const c = w.buf[w.pos];
    if (this.#current?.base64 && c !== COLON) return this.#base64Line();
    if (c === COLON) {
      // Only a line that starts with the format's marker is read whole: content lines of any length pass in bulk.
      const marked = w.startsWithNow(this.#format === 'more' ? MORE_RULE : MARKER);
      if (marked === MORE) return MORE;
      const separator = marked && this.#separator();
      if (separator !== false) return separator;
    }
    if (this.#done) w.fail('data after the trailer');
    const current = this.#current;
    if (!current) w.fail('content before the first entry');
    if (current.base64) w.fail('bad base64 line');
    if (current.type !== 'file') w.fail(`content under a ${current.type} entry`);
    if (c === BACKSLASH && this.#format === 'sys-pack') {
      // `\`*`::::::` gained one backslash when it was packed; other lines are as they were.
      const verdict = escapeVerdict(w.buf, w.pos);
      if (verdict === 'undecided' && !w.eof) {
        if (w.buf.length - w.pos > MAX_LINE) w.fail('line too long');
        return MORE;
      }
      if (verdict === 'escape') w.pos++;
    }
    return false;
  }

  #base64Line(): true | typeof MORE {
    const w: Window = this.w;
    const l = w.lineAt();
    if (l === MORE) return MORE;
    if (!l) w.fail('truncated inside base64 data');
    const text = l.text.toString('latin1');
    if (!B64.test(text) || text.length > 76) w.fail('bad base64 line');
    this.#consume(l.next);
    this.sink.write(Buffer.from(text, 'base64'));
    return true;
  }

  /** A line starting with the marker: an entry, the trailer, or (in `more` output) maybe text. */
  #separator(): boolean | typeof MORE {
    const w: Window = this.w;
    const l = w.lineAt();
    if (l === MORE) return MORE;
    const text = l ? l.text.toString() : w.buf.subarray(w.pos).toString();
    const at = w.line;
    if (this.#format === 'more') {
      const named = text === MORE_RULE ? this.#moreHeader(l?.next) : undefined;
      if (named === MORE) return MORE;
      if (!named) return false; // a rule of colons inside the text
      this.#start({ path: named.name, type: 'file' }, at + 1);
      w.pos = named.next;
      w.line += 3;
      return true;
    }
    if (!l) w.fail('truncated separator line');
    if (this.#format === 'pack1') {
      this.#start({ path: text.slice(MARKER.length), type: 'file' }, at);
      this.#consume(l.next);
      return true;
    }
    const parsed = parseSeparator(text);
    if (parsed.kind === 'bad') w.fail(parsed.reason);
    if (parsed.kind === 'header') w.fail('a second header');
    if (parsed.kind === 'entry') this.#start(parsed.entry, at);
    else {
      this.#finish();
      if (parsed.entries !== this.#entries) {
        w.fail(`the trailer counts ${parsed.entries} entries, the pack has ${this.#entries}`);
      }
      this.#hashConsumed();
      this.#hashing = false;
      if (parsed.sha256 !== this.#hash.digest('hex')) w.fail('checksum mismatch: the pack was edited or damaged');
      this.#done = true;
    }
    this.#consume(l.next);
    return true;
  }

  /** Content up to the next line start that begins with ':' or '\\', in one piece. */
  #bulk(): void {
    const w: Window = this.w;
    const { buf, pos } = w;
    let next = buf.indexOf(LF_COLON, pos);
    const nextEscape = this.#format === 'sys-pack' ? this.#nextEscape(buf, pos) : -1;
    if (nextEscape !== -1 && (next === -1 || nextEscape < next)) next = nextEscape;
    const end = next === -1 ? buf.length : next + 1;
    const slice = buf.subarray(pos, end);
    if (this.#current?.type === 'file') this.#content(slice);
    else if (slice.length > 0) w.fail(this.#done ? 'data after the trailer' : 'content before the first entry');
    w.line += countLines(buf, pos, end);
    if (end > pos) this.#atLineStart = buf[end - 1] === LF;
    w.pos = end;
  }

  /**
   * Where the next line starting with a backslash begins, from `pos`. Such lines are rare:
   * the answer is kept for the buffer, or every small entry would scan to its end again.
   */
  #nextEscape(buf: Buffer, pos: number): number {
    const known = this.#escapeSearch;
    if (known?.buf === buf && known.from <= pos && (known.at === -1 || known.at >= pos)) return known.at;
    const at = buf.indexOf(LF_BACKSLASH, pos);
    this.#escapeSearch = { buf, from: pos, at };
    return at;
  }

  /** Moves past a whole line (to `next`). */
  #consume(next: number): void {
    this.w.pos = next;
    this.w.line++;
  }

  #content(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.#pendingLF) this.sink.write(NEWLINE);
    this.#pendingLF = bytes[bytes.length - 1] === LF;
    this.sink.write(this.#pendingLF ? bytes.subarray(0, bytes.length - 1) : bytes);
  }

  /** Hashes what is consumed and not hashed yet, when the format has a checksum. */
  #hashConsumed(): void {
    if (this.#hashing && this.w.pos > this.#hashFrom)
      this.#hash.update(this.w.buf.subarray(this.#hashFrom, this.w.pos));
    this.#hashFrom = this.w.pos;
  }

  /** Reads more input, hashing first what the window is about to let go of. */
  async #more(): Promise<boolean> {
    this.#hashConsumed();
    const more = await this.w.more();
    this.#hashFrom = this.w.pos;
    return more;
  }

  /** Ends the current entry; what the sink asks to wait for is awaited by `#settle`. */
  #finish(): void {
    if (!this.#current) return;
    if (this.#pendingLF && !this.#current.noeol) this.sink.write(NEWLINE);
    this.#pendingLF = false;
    this.#waiting = this.sink.end();
    this.#current = undefined;
  }

  async #settle(): Promise<void> {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    await waiting;
  }

  #start(entry: EntryHeader, at: number): void {
    this.#finish();
    if (this.#done) this.w.fail('an entry after the trailer', at);
    this.#entries++;
    this.#current = entry;
    this.sink.begin(entry, at);
  }

  /** After a more rule: the name line and the closing rule, if that is what follows. */
  #moreHeader(afterRule: number | undefined): { name: string; next: number } | undefined | typeof MORE {
    if (afterRule === undefined) return undefined;
    const name = this.w.lineAt(afterRule);
    if (name === MORE || !name) return name;
    const rule = this.w.lineAt(name.next);
    if (rule === MORE) return MORE;
    if (!rule || rule.text.toString() !== MORE_RULE) return undefined;
    return { name: name.text.toString(), next: rule.next };
  }
}
