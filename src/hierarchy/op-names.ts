/**
 * Operator type names: ONNX's standard operators (ai.onnx, through opset 23) and the
 * com.microsoft operators ONNX Runtime's fusions and quantizers write. A node-name segment that is
 * one of these (optionally with a `_N` counter or a suffix) names an op, never a module.
 */
const ONNX_OPS =
  "Abs Acos Acosh Add AffineGrid And ArgMax ArgMin Asin Asinh Atan Atanh Attention AveragePool BatchNormalization Bernoulli BitShift " +
  "BitwiseAnd BitwiseNot BitwiseOr BitwiseXor BlackmanWindow Cast CastLike Ceil Celu CenterCropPad Clip Col2Im Compress Concat " +
  "ConcatFromSequence Constant ConstantOfShape Conv ConvInteger ConvTranspose Cos Cosh CumSum DFT DeformConv DepthToSpace " +
  "DequantizeLinear Det Div Dropout DynamicQuantizeLinear Einsum Elu Equal Erf Exp Expand EyeLike Flatten Floor GRU Gather " +
  "GatherElements GatherND Gelu Gemm GlobalAveragePool GlobalLpPool GlobalMaxPool Greater GreaterOrEqual GridSample " +
  "GroupNormalization HammingWindow HannWindow HardSigmoid HardSwish Hardmax Identity If ImageDecoder InstanceNormalization IsInf IsNaN " +
  "LRN LSTM LayerNormalization LeakyRelu Less LessOrEqual Log LogSoftmax Loop LpNormalization LpPool MatMul MatMulInteger Max " +
  "MaxPool MaxRoiPool MaxUnpool Mean MeanVarianceNormalization MelWeightMatrix Min Mish Mod Mul Multinomial Neg " +
  "NegativeLogLikelihoodLoss NonMaxSuppression NonZero Not OneHot Optional OptionalGetElement OptionalHasElement Or PRelu Pad Pow " +
  "QLinearConv QLinearMatMul QuantizeLinear RMSNormalization RNN RandomNormal RandomNormalLike RandomUniform RandomUniformLike Range " +
  "Reciprocal ReduceL1 ReduceL2 ReduceLogSum ReduceLogSumExp ReduceMax ReduceMean ReduceMin ReduceProd ReduceSum ReduceSumSquare " +
  "RegexFullMatch Relu Reshape Resize ReverseSequence RoiAlign RotaryEmbedding Round STFT Scan Scatter ScatterElements ScatterND Selu " +
  "SequenceAt SequenceConstruct SequenceEmpty SequenceErase SequenceInsert SequenceLength SequenceMap Shape Shrink Sigmoid Sign Sin " +
  "Sinh Size Slice Softmax SoftmaxCrossEntropyLoss Softplus Softsign SpaceToDepth Split SplitToSequence Sqrt Squeeze " +
  "StringConcat StringNormalizer StringSplit Sub Sum Swish Tan Tanh TensorScatter TfIdfVectorizer ThresholdedRelu Tile TopK " +
  "Transpose Trilu Unique Unsqueeze Upsample Where Xor";

const MICROSOFT_OPS =
  "Attention BiasAdd BiasDropout BiasGelu BiasSoftmax BiasSplitGelu ConvTransposeWithDynamicPads DecoderAttention " +
  "DequantizeBFP DynamicQuantizeLSTM DynamicQuantizeMatMul EmbedLayerNormalization FastGelu FusedConv FusedGemm FusedMatMul " +
  "FusedMatMulActivation GatedRelativePositionBias GemmFastGelu GemmFloat8 GreedySearch GroupNorm GroupQueryAttention " +
  "LongformerAttention MatMulBnb4 MatMulFpQ4 MatMulInteger16 MatMulIntegerToFloat MatMulNBits MultiHeadAttention NhwcConv " +
  "NhwcMaxPool PackedAttention PackedMultiHeadAttention QAttention QEmbedLayerNormalization QGemm QLinearAdd QLinearAveragePool " +
  "QLinearConcat QLinearGlobalAveragePool QLinearLeakyRelu QLinearMul QLinearReduceMean QLinearSigmoid QLinearSoftmax " +
  "QLinearWhere QOrderedAttention QOrderedGelu QOrderedLayerNormalization QOrderedMatMul QuickGelu RelativePositionBias " +
  "RemovePadding RestorePadding SkipGroupNorm SkipLayerNormalization SkipSimplifiedLayerNormalization SimplifiedLayerNormalization " +
  "SparseAttention TransposeMatMul Trilu WordConvEmbedding";

export const OP_TYPES: ReadonlySet<string> = new Set([...ONNX_OPS.split(" "), ...MICROSOFT_OPS.split(" ")]);

/** A segment up to its first `_`: the op type an op-name segment names (`Slice` in `Slice_2`). */
export function segmentHead(segment: string): string {
  const cut = segment.indexOf("_");
  return cut < 0 ? segment : segment.slice(0, cut);
}

/** `MatMul`, `Slice_2`, `Add_1_output_0_QuantizeLinear`, `Reshape_new_reshape`: a segment naming an op. */
export function isOpNameSegment(segment: string, ownOpType?: string): boolean {
  const head = segmentHead(segment);
  return OP_TYPES.has(head) || (ownOpType !== undefined && head === ownOpType);
}

/** Segments graph rewriters append to the name they keep (`MatMulAddFusion`, `LayerNormFusion`, `..._token_3`). */
export function isRewriterSegment(segment: string): boolean {
  return /^[A-Za-z0-9]*Fusion(_\d+|_token_\d+)?$/.test(segment) || /^token_\d+$/.test(segment);
}

/**
 * Whether `name` from position `from` on could be a segment `isRewriterSegment` accepts (every
 * such segment holds `Fusion` or starts with `token_`), without cutting it out: a fast test for
 * the nodes, nearly all, whose last segment is plainly the op's own name.
 */
export function mayBeRewriterSegment(name: string, from: number): boolean {
  return name.indexOf("Fusion", from) >= 0 || name.startsWith("token_", from);
}

/**
 * Whether a Cast's name is one an fp16 converter gives the casts it inserts: `graph_input_cast0`,
 * `graph_output_cast_1`, `<node>_input_cast_0`, `<node>_output_cast1` (onnxconverter-common's
 * float16 pass, which ONNX Runtime's transformers tools also use), ONNX Runtime's
 * `InsertedPrecisionFreeCast_…`. A model's own `.to(dtype)` is a Cast too, named by its exporter
 * (`/norm/Cast`) or by nothing: only a converter's casts are boundary nodes.
 */
export function isConverterCastName(name: string): boolean {
  const last = name.slice(name.lastIndexOf("/") + 1);
  return /(^|_)(graph_)?(input|output)_cast_?\d*$/.test(last) || last.startsWith("InsertedPrecisionFreeCast");
}

