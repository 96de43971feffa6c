/**
 * Splits `data` at `cuts` (each taken modulo its length + 1), as reads of varying sizes would;
 * a cut given twice, or at either end, makes an empty piece (a read that returned nothing new).
 */
export function chunks(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = cuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b);
  return [0, ...at].map((from, i) => data.subarray(from, at[i] ?? data.length));
}
