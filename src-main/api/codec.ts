/** Typed arrays travel as base64 of their little-endian bytes: compact in JSON, exact, and fast to decode. */
export function typedToBase64(a: Uint8Array | Int16Array | Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
