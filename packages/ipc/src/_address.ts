import { OptionError } from '@sys/core';
import type { Address } from './address.js';

/** The authkey as bytes (a string is taken as UTF-8), or null when there is none. */
export function authkeyBytes(authkey: string | Uint8Array | undefined): Buffer | null {
  if (authkey === undefined) return null;
  if (typeof authkey === 'string') return Buffer.from(authkey, 'utf8');
  if (authkey instanceof Uint8Array) return Buffer.from(authkey);
  throw new OptionError('authkey', 'must be a string or bytes');
}

/** Checks an address given by a caller. */
export function checkedAddress(address: Address): Address {
  if (typeof address === 'string') {
    if (address.length === 0) throw new OptionError('address', 'must not be empty');
    return address;
  }
  if (typeof address !== 'object' || address === null || !Number.isInteger(address.port) || address.port < 0) {
    throw new OptionError('address', 'must be a socket path or { host, port }');
  }
  return address;
}
