/** git looks this far into a file for a NUL byte before it calls the file binary. */
export const BINARY_SNIFF_BYTES = 8000;

/** True for bytes git would call binary: a NUL among the first 8000. */
export function isBinary(head: Uint8Array): boolean {
  return head.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}
