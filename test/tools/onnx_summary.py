"""Summarise ONNX files with the reference `onnx` package, as ground truth for the decoder tests.

Usage: /usr/bin/python3 onnx_summary.py FILE... > summary.json
"""
import json
import sys

import onnx


def graph_summary(g):
    nodes = []
    for n in g.node:
        subs = []
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                subs.append(graph_summary(a.g))
            elif a.type == onnx.AttributeProto.GRAPHS:
                subs.extend(graph_summary(x) for x in a.graphs)
        values = {}
        for a in n.attribute:
            if a.type == onnx.AttributeProto.INT:
                values[a.name] = a.i
            elif a.type == onnx.AttributeProto.FLOAT:
                values[a.name] = a.f
            elif a.type == onnx.AttributeProto.STRING:
                values[a.name] = a.s.decode("utf-8", "replace")
            elif a.type == onnx.AttributeProto.INTS:
                values[a.name] = list(a.ints)
            elif a.type == onnx.AttributeProto.FLOATS:
                values[a.name] = list(a.floats)
            elif a.type == onnx.AttributeProto.TENSOR:
                values[a.name] = {"dims": list(a.t.dims), "dataType": a.t.data_type}
        nodes.append({"name": n.name, "op": n.op_type, "domain": n.domain,
                      "inputs": list(n.input), "outputs": list(n.output),
                      "attributes": [a.name for a in n.attribute], "values": values, "subgraphs": subs})
    return {
        "name": g.name,
        "nodes": nodes,
        "inputs": [v.name for v in g.input],
        "outputs": [v.name for v in g.output],
        "initializers": [{"name": t.name, "dims": list(t.dims), "dataType": t.data_type} for t in g.initializer],
    }


def main():
    out = {}
    for path in sys.argv[1:]:
        m = onnx.load(path, load_external_data=False)
        out[path] = {
            "irVersion": m.ir_version,
            "opsets": [[o.domain, o.version] for o in m.opset_import],
            "graph": graph_summary(m.graph),
            "functions": [[f.domain, f.name, len(f.node)] for f in m.functions],
        }
    json.dump(out, sys.stdout)


main()
