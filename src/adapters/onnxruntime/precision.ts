/**
 * Differences between reduced-precision float tensors (float16, bfloat16) in units of the
 * format's rounding step at the tensor's scale: the spacing of representable values at the
 * tensor's largest magnitude (for float16 values up to 4, one step is 2^-9 = 0.00195). ONNX
 * Runtime on CPU computes some float16 operators in float32 and rounds only where a value leaves
 * them, so a tensor read at a module's boundary can differ from the whole model's by a step or
 * so, and the difference carries on to every element downstream whatever its own magnitude:
 * bit-exact comparison, or steps counted per element (a tiny value has tiny steps), would call
 * such a module wrong. Pure.
 */

export type ReducedFloat = "float16" | "bfloat16";

/** Mantissa bits and smallest normal exponent of each format. */
const FORMAT: Record<ReducedFloat, { mantissa: number; minExp: number }> = {
  float16: { mantissa: 10, minExp: -14 },
  bfloat16: { mantissa: 7, minExp: -126 },
};

export function isReducedFloat(type: string): type is ReducedFloat {
  return type === "float16" || type === "bfloat16";
}

/** The spacing of representable values of the format at a magnitude (the subnormal spacing below the normal range). */
export function stepAt(magnitude: number, format: ReducedFloat): number {
  const { mantissa, minExp } = FORMAT[format];
  const m = Math.abs(magnitude);
  const e = m === 0 || !Number.isFinite(m) ? minExp : Math.max(minExp, Math.floor(Math.log2(m)));
  return 2 ** (e - mantissa);
}

/**
 * The largest element difference of two tensors of a reduced format in rounding steps at their
 * scale (the larger of the two largest magnitudes). NaN against NaN counts 0, NaN or an infinity
 * against a number Infinity.
 */
export function stepsAtScale(a: ArrayLike<number>, b: ArrayLike<number>, format: ReducedFloat): number {
  let scale = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isFinite(x)) scale = Math.max(scale, Math.abs(x));
    if (Number.isFinite(y)) scale = Math.max(scale, Math.abs(y));
    const nx = Number.isNaN(x);
    const ny = Number.isNaN(y);
    const d = nx || ny ? (nx && ny ? 0 : Infinity) : x === y ? 0 : Math.abs(x - y);
    if (d > max) max = d;
  }
  if (max === Infinity) return Infinity;
  return max / stepAt(scale, format);
}
