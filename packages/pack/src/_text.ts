import type { PackWriter } from './_output.js';
import { BACKSLASH, COLON, escapeVerdict, LF_BACKSLASH, LF_COLON, MARKER } from './format.js';

const BACKSLASH_BYTE = Buffer.from('\\');
const MARKER_BYTES = Buffer.from(MARKER);

/**
 * Puts a chunk of a text file into the pack, with a backslash before each line that begins
 * `\`*`::::::`. Only line starts that begin with ':' or '\\' are looked at, found with two
 * native searches. Returns the start of a line too short to judge yet, when more follows:
 * the caller prepends it to the next chunk.
 */
export function putText(writer: PackWriter, chunk: Buffer, atLineStart: boolean, last: boolean): Buffer | undefined {
  // Every line that needs a backslash holds six colons: one search settles most files.
  if (last && chunk.indexOf(MARKER_BYTES) === -1) {
    writer.put(chunk);
    return undefined;
  }
  let from = 0;
  let colon = chunk.indexOf(LF_COLON);
  let slash = chunk.indexOf(LF_BACKSLASH);
  let at = atLineStart && (chunk[0] === COLON || chunk[0] === BACKSLASH) ? 0 : -1;
  for (;;) {
    if (at === -1) {
      // The nearer of the two kinds of line start, in order.
      if (colon === -1 && slash === -1) break;
      if (slash === -1 || (colon !== -1 && colon < slash)) {
        at = colon + 1;
        colon = chunk.indexOf(LF_COLON, at);
      } else {
        at = slash + 1;
        slash = chunk.indexOf(LF_BACKSLASH, at);
      }
    }
    const verdict = escapeVerdict(chunk, at);
    if (verdict === 'undecided' && !last) {
      writer.put(chunk.subarray(from, at));
      return chunk.subarray(at);
    }
    if (verdict === 'escape') {
      writer.put(chunk.subarray(from, at));
      writer.put(BACKSLASH_BYTE);
      from = at;
    }
    at = -1;
  }
  writer.put(chunk.subarray(from));
  return undefined;
}

/** 57 bytes make 76 base64 characters: one line. */
export const BASE64_GROUP = 57;

/** Puts bytes as base64 lines of 76 characters, each ended; all but the last call must pass whole groups. */
export function putBase64(writer: PackWriter, bytes: Uint8Array): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
  for (let i = 0; i < text.length; i += 76) {
    writer.put(text.slice(i, i + 76));
    writer.put('\n');
  }
}
