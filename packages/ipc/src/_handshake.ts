// The authkey handshake of Python's multiprocessing.connection, both generations: CPython
// 3.11 challenges with 20 random bytes and expects a raw 16-byte HMAC-MD5; 3.12+ sends
// `{sha256}` + 40 bytes and expects `{sha256}` + HMAC-SHA256, still taking a raw MD5 answer.
// The MAC always covers the whole message, `{digest}` prefix included.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Connection } from './connection.js';
import { AuthenticationError } from './errors.js';

const CHALLENGE = Buffer.from('#CHALLENGE#');
const WELCOME = Buffer.from('#WELCOME#');
const FAILURE = Buffer.from('#FAILURE#');
/** Python's names for the digests it allows, and Node's for the same. */
const DIGESTS: Record<string, string> = {
  md5: 'md5',
  sha256: 'sha256',
  sha384: 'sha384',
  sha3_256: 'sha3-256',
  sha3_384: 'sha3-384',
};
/** Lengths of a legacy challenge (20) and a legacy raw MD5 answer (16): no prefix. */
const LEGACY = new Set([20, 16]);
/** Every handshake message is read with this bound, as Python's recv_bytes(256). */
export const HANDSHAKE_LIMIT = 256;

/** Python's digest name and the MAC or payload of a message; '' for the legacy form. */
function split(message: Buffer): [string, Buffer] {
  if (LEGACY.has(message.length)) return ['', message];
  if (message[0] === 0x7b) {
    const curly = message.indexOf(0x7d, 1);
    const name = curly > 0 && curly <= 10 ? message.subarray(1, curly).toString('latin1') : '';
    if (Object.hasOwn(DIGESTS, name)) return [name, message.subarray(curly + 1)];
  }
  throw new AuthenticationError('unsupported message length, missing digest prefix, or unsupported digest');
}

function mac(authkey: Buffer, message: Buffer, pythonName: string): Buffer {
  return createHmac(DIGESTS[pythonName] as string, authkey)
    .update(message)
    .digest();
}

/** The answer to a challenge: what the peer asked for (`{name}` prefix -> that digest; none -> raw MD5). */
export function respond(authkey: Buffer, message: Buffer): Buffer {
  const [name] = split(message);
  if (name === '') return mac(authkey, message, 'md5');
  return Buffer.concat([Buffer.from(`{${name}}`), mac(authkey, message, name)]);
}

/** Throws unless `response` is a right answer to `message`, in either generation's form. */
export function verify(authkey: Buffer, message: Buffer, response: Buffer): void {
  const [name, answer] = split(response);
  const expected = mac(authkey, message, name || 'md5');
  if (expected.length !== answer.length || !timingSafeEqual(expected, answer)) {
    throw new AuthenticationError('digest received was wrong');
  }
}

async function read(conn: Connection): Promise<Buffer> {
  try {
    return await conn.recvBytes();
  } catch (cause) {
    throw new AuthenticationError(`handshake failed: ${(cause as Error).message}`, { cause });
  }
}

/** Sends a challenge and checks the answer (Python's deliver_challenge). */
export async function deliverChallenge(conn: Connection, authkey: Buffer): Promise<void> {
  const message = Buffer.concat([Buffer.from('{sha256}'), randomBytes(40)]);
  await conn.sendBytes(Buffer.concat([CHALLENGE, message]));
  const response = await read(conn);
  try {
    verify(authkey, message, response);
  } catch (error) {
    await conn.sendBytes(FAILURE).catch(() => {});
    throw error;
  }
  await conn.sendBytes(WELCOME);
}

/** Answers the peer's challenge (Python's answer_challenge). */
export async function answerChallenge(conn: Connection, authkey: Buffer): Promise<void> {
  const first = await read(conn);
  if (!first.subarray(0, CHALLENGE.length).equals(CHALLENGE)) {
    throw new AuthenticationError('protocol error: the peer did not send a challenge');
  }
  const message = first.subarray(CHALLENGE.length);
  if (message.length < 20) throw new AuthenticationError(`challenge too short: ${message.length} bytes`);
  await conn.sendBytes(respond(authkey, message));
  const verdict = await read(conn);
  if (!verdict.equals(WELCOME)) throw new AuthenticationError('digest sent was rejected: the authkeys differ');
}
