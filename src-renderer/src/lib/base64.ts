/** Typed arrays from the API's base64 payloads. The wire format is little-endian, like every platform we ship on. */

export function bytesFromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function float32FromBase64(b64: string): Float32Array {
  const b = bytesFromBase64(b64);
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
}

/** Int16 peaks scaled by 32767 back to [-1, 1]. */
export function unitFromInt16Base64(b64: string): Float32Array {
  const b = bytesFromBase64(b64);
  const ints = new Int16Array(b.buffer, b.byteOffset, b.byteLength >> 1);
  const out = new Float32Array(ints.length);
  for (let i = 0; i < ints.length; i++) out[i] = ints[i] / 32767;
  return out;
}
