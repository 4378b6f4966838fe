"""Casts an ONNX model's float32 computation to float16: initializers, Constant and
ConstantOfShape values, Cast targets, and the float types of graph inputs, outputs and
value_info. Used by the tests to make a real fp16 model from a float32 export.

    python3 to_fp16.py IN.onnx OUT.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

FLOAT, FLOAT16 = TensorProto.FLOAT, TensorProto.FLOAT16


def half(t):
    if t.data_type != FLOAT:
        return t
    h = numpy_helper.from_array(numpy_helper.to_array(t).astype(np.float16), t.name)
    return h


def retype(vi):
    tt = vi.type.tensor_type
    if tt.elem_type == FLOAT:
        tt.elem_type = FLOAT16


def convert_graph(g):
    inits = [half(t) for t in g.initializer]
    del g.initializer[:]
    g.initializer.extend(inits)
    for vi in list(g.input) + list(g.output) + list(g.value_info):
        retype(vi)
    for n in g.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.TENSOR and n.op_type in ("Constant", "ConstantOfShape"):
                a.t.CopyFrom(half(a.t))
            if n.op_type == "Cast" and a.name == "to" and a.i == FLOAT:
                a.i = FLOAT16
            if a.type == onnx.AttributeProto.GRAPH:
                convert_graph(a.g)


def main(src, dst):
    m = onnx.load(src)
    convert_graph(m.graph)
    onnx.save(m, dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
