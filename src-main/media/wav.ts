/**
 * 16-bit PCM WAV encoding of float samples in [-1, 1] (clipped), interleaved when there are several
 * channels. Written by hand: the header is 44 fixed bytes, and ffmpeg reads the result everywhere.
 */
export function encodeWav16(interleaved: Float32Array, rate: number, channels = 1): Buffer {
  const bytes = interleaved.length * 2;
  const b = Buffer.alloc(44 + bytes);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + bytes, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * channels * 2, 28);
  b.writeUInt16LE(channels * 2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(bytes, 40);
  interleaved.forEach((v, i) => b.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), 44 + 2 * i));
  return b;
}
