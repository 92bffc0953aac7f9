/** A text file's bytes as text, by its byte-order mark: Praat writes TextGrids as UTF-16 when they hold non-ASCII text. */
export function decodeText(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  // TextDecoder drops the BOM it recognises.
  return new TextDecoder(encoding).decode(bytes);
}
