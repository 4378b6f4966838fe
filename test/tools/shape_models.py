"""Small models whose free input sizes must not be the defaults, for the validate tests.

    python3 shape_models.py OUT_DIR

- position_table.onnx: token ids [batch, sequence] -> embedding + a position table of 16 rows:
  the sequence must be 16 (shape inference: a broadcast against a fixed size).
- value_info.onnx: x [batch, n] -> Relu -> Reshape to [-1, 3, 4]; value_info records the Relu
  output as [batch, 12]: n must be 12.
- sample_rate.onnx: audio [batch, samples] and a scalar sample_rate; frames of sample_rate/100
  samples: needs --value sample_rate=16000 and a samples count that is a multiple of 160.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def save(model, path):
    onnx.checker.check_model(model)
    onnx.save(model, path)


def position_table(path):
    rng = np.random.default_rng(0)
    emb = numpy_helper.from_array(rng.standard_normal((50, 4)).astype(np.float32), "word_embeddings")
    pos = numpy_helper.from_array(rng.standard_normal((1, 16, 4)).astype(np.float32), "position_table")
    g = helper.make_graph(
        [
            helper.make_node("Gather", ["word_embeddings", "input_ids"], ["tokens"], name="embed"),
            helper.make_node("Add", ["tokens", "position_table"], ["hidden"], name="add_positions"),
        ],
        "position_table",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"])],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "sequence", 4])],
        [emb, pos],
    )
    save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), path)


def value_info(path):
    shape = numpy_helper.from_array(np.array([-1, 3, 4], dtype=np.int64), "target")
    g = helper.make_graph(
        [
            helper.make_node("Relu", ["x"], ["r"], name="relu"),
            helper.make_node("Reshape", ["r", "target"], ["y"], name="reshape"),
        ],
        "value_info",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", None])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 3, 4])],
        [shape],
        value_info=[helper.make_tensor_value_info("r", TensorProto.FLOAT, ["batch", 12])],
    )
    save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), path)


def sample_rate(path):
    hundred = numpy_helper.from_array(np.array(100, dtype=np.int64), "hundred")
    minus_one = numpy_helper.from_array(np.array([-1], dtype=np.int64), "minus_one")
    axes = numpy_helper.from_array(np.array([0], dtype=np.int64), "axes")
    g = helper.make_graph(
        [
            helper.make_node("Div", ["sample_rate", "hundred"], ["hop"], name="hop"),
            helper.make_node("Unsqueeze", ["hop", "axes"], ["hop1"], name="hop1"),
            helper.make_node("Concat", ["minus_one", "hop1"], ["frame_shape"], axis=0, name="frame_shape"),
            helper.make_node("Reshape", ["audio", "frame_shape"], ["frames"], name="frames", allowzero=1),
        ],
        "sample_rate",
        [
            helper.make_tensor_value_info("audio", TensorProto.FLOAT, ["batch", "samples"]),
            helper.make_tensor_value_info("sample_rate", TensorProto.INT64, []),
        ],
        [helper.make_tensor_value_info("frames", TensorProto.FLOAT, [None, None])],
        [hundred, minus_one, axes],
    )
    save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), path)


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    position_table(os.path.join(out, "position_table.onnx"))
    value_info(os.path.join(out, "value_info.onnx"))
    sample_rate(os.path.join(out, "sample_rate.onnx"))
