/** Weight layouts between TF (channels last) and ONNX (channels first). */

/** A TF convolution kernel [kh, kw, in, out] as ONNX's Conv weight [out, in, kh, kw]. */
export function hwioToOihw(values: Float32Array | Int32Array, [kh, kw, cin, cout]: readonly number[]): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) {
    out[((o * cin + i) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * cout + o];
  }
  return out;
}
