// The graph index's tensor edges: which node produces each input, wherever the producer stands.
import { describe, expect, it } from "vitest";
import { buildGraphIndex } from "../src/load/graph-index.js";
import { model, node } from "./support/graphs.js";

describe("graph index producers", () => {
  it("finds the producer of an input next door, a few nodes back and far back alike", () => {
    const nodes = [node("a", "Relu", ["x"], ["ta"]), node("b", "Relu", ["ta"], ["tb"])];
    for (let i = 0; i < 10; i++) nodes.push(node(`c${i}`, "Relu", [i === 0 ? "tb" : `tc${i - 1}`], [`tc${i}`]));
    nodes.push(node("far", "Add", ["ta", "tc8"], ["y"]));
    const index = buildGraphIndex(model(nodes));
    expect(index.producers.of(1)).toEqual([0]);
    expect(index.producers.of(12)).toEqual([0, 10]);
    expect(index.consumers.of(0)).toEqual([1, 12]);
    expect([index.consumers.has(0, 1), index.consumers.has(0, 12), index.consumers.has(0, 10), index.producers.has(12, 10), index.producers.has(12, 1)]).toEqual([true, true, false, true, false]);
  });

  it("takes the later of two nodes that output one name, even when the earlier stands next door", () => {
    const index = buildGraphIndex(model([node("a", "Relu", ["x"], ["t"]), node("b", "Relu", ["t"], ["u"]), node("c", "Relu", ["x"], ["t"])]));
    expect(index.producers.of(1)).toEqual([2]);
    expect(index.consumers.of(0)).toEqual([]);
  });
});
