// StringTable: the typed-array map the graph index keeps tensor producers and node ids in.
import { describe, expect, it } from "vitest";
import { hashPrefix, hashString, StringTable } from "../src/util/string-table.js";

describe("StringTable", () => {
  it("keeps every key's value through growth, replaces on set, and answers -1 for a missing key", () => {
    const t = new StringTable(2);
    const keys = Array.from({ length: 5000 }, (_, i) => `/encoder/layer.${i % 97}/attention/MatMul_${i}_output_0`);
    keys.forEach((k, i) => t.set(k, i));
    keys.forEach((k, i) => expect(t.get(k), k).toBe(i));
    t.set(keys[7]!, 123456);
    expect(t.get(keys[7]!)).toBe(123456);
    expect(t.get("")).toBe(-1);
    expect(t.get("/encoder/layer.0/attention/MatMul_0_output_")).toBe(-1);
    t.set("", 0);
    expect(t.get("")).toBe(0);
  });

  it("getOrSet keeps a key's first value and answers -1 only when it adds the key", () => {
    const t = new StringTable(2);
    const keys = Array.from({ length: 3000 }, (_, i) => `/encoder/layer.${i % 13}/Add_${i}`);
    keys.forEach((k, i) => expect(t.getOrSet(k, i)).toBe(-1));
    keys.forEach((k, i) => expect(t.getOrSet(k, i + 1)).toBe(i));
    keys.forEach((k, i) => expect(t.get(k)).toBe(i));
  });

  it("looks up a prefix of a string without making it", () => {
    const t = new StringTable();
    t.set("/encoder/layer.0/attention/self", 4);
    const name = "/encoder/layer.0/attention/self/MatMul";
    expect(t.getPrefix(name, name.lastIndexOf("/"))).toBe(4);
    expect(t.getPrefix(name, name.lastIndexOf("/") - 1)).toBe(-1);
    expect(t.getPrefix(name, name.length)).toBe(-1);
    expect(hashPrefix(name, 10)).toBe(hashString(name.slice(0, 10)));
  });
});
