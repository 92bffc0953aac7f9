/** Typed arrays travel as base64 of their little-endian bytes: compact in JSON, exact, and fast to decode. */
export function typedToBase64(a: Uint8Array | Int16Array | Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** The inverse for Float32 payloads, into a fresh (aligned) array. */
export function float32FromBase64(b64: string): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
