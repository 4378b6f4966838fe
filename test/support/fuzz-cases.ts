/**
 * Hostile and broken inputs for the CLI, generated deterministically: seeded byte-level and
 * message-level mutants of real models, and structural cases that each aim at one way a model
 * file can make a tool crash, hang, leak or obey it. Shared by the fuzz test and `npm run fuzz`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { decodeModelMessage, encodeModelMessage, type AttributeMsg, type GraphMsg, type ModelMsg, type NodeMsg, type TensorMsg } from "../../src/load/encode.js";
import { seededRandom } from "../../src/util/random.js";

export interface FuzzFile {
  name: string;
  data?: Uint8Array | string;
  /** A symbolic link to this target instead of data. */
  link?: string;
  /** A named pipe instead of data. */
  fifo?: boolean;
}

export interface FuzzCase {
  name: string;
  /** Files written into an empty folder; the first is the model. */
  files: FuzzFile[];
  /** Extra arguments for `analyze` (sidecars given explicitly). */
  analyzeArgs?: string[];
  /**
   * What the case must end in when the engine is fine: "ok" (exit 0), "refused" (exit 1, one
   * line naming the file), or "either" (mutants: 0 or 1, never anything else).
   */
  expect: "ok" | "refused" | "either";
  /** Which stage is at fault when the case fails: the loader's boundary or the engine. */
  stage?: "load" | "engine";
}

// --- small protobuf writer for inputs the encoder would never produce -------------------------

export function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

export function field(no: number, payload: Uint8Array | number[], wire = 2): Uint8Array {
  const p = Uint8Array.from(payload);
  return Uint8Array.from([...varint(no * 8 + wire), ...varint(p.length), ...p]);
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

// --- models built from messages ----------------------------------------------------------------

const FLOAT = 1;

function vi(name: string): GraphMsg["input"][number] {
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } } };
}

export function model(nodes: NodeMsg[], extra: Partial<GraphMsg> = {}, top: Partial<ModelMsg> = {}): ModelMsg {
  const produced = new Set(nodes.flatMap((n) => n.output));
  const last = nodes.length ? nodes[nodes.length - 1]!.output[0]! : "x";
  return {
    irVersion: 8,
    opsetImport: [{ domain: "", version: 17 }],
    producerName: "fuzz",
    graph: { name: "g", node: nodes, input: produced.has("x") ? [] : [vi("x")], output: [vi(last)], ...extra },
    ...top,
  };
}

/** A chain of Relu nodes named by `name(i)`, each reading the previous one's output. */
export function chain(count: number, name: (i: number) => string, meta?: (i: number) => NodeMsg["metadataProps"]): NodeMsg[] {
  const nodes: NodeMsg[] = [];
  for (let i = 0; i < count; i++) {
    const n: NodeMsg = { name: name(i), opType: "Relu", input: [i === 0 ? "x" : `t${i - 1}`], output: [`t${i}`] };
    const m = meta?.(i);
    if (m) n.metadataProps = m;
    nodes.push(n);
  }
  return nodes;
}

const enc = (m: ModelMsg) => encodeModelMessage(m);

function constantNode(t: TensorMsg, out = "c"): NodeMsg {
  const attr: AttributeMsg = { name: "value", type: 4, t };
  return { name: "/const/Constant", opType: "Constant", input: [], output: [out], attribute: [attr] };
}

function externalTensor(location: string): TensorMsg {
  return {
    name: "w",
    dims: [4],
    dataType: FLOAT,
    dataLocation: 1,
    externalData: [
      { key: "location", value: location },
      { key: "offset", value: "0" },
      { key: "length", value: "16" },
    ],
  };
}

function addWith(c: string): NodeMsg {
  return { name: "/layer/Add", opType: "Add", input: ["x", c], output: ["y"] };
}

const deepClassPath = (segments: number) => Array.from({ length: segments }, (_, i) => `/M${i}`).join("");
const deepScope = (segments: number) => Array.from({ length: segments }, (_, i) => `/m${i}`).join("") + "/Relu";

/**
 * One case for each way a file has been seen to break the tool, and for each boundary the
 * loader defends (external data, sidecars, output injection, outputs on error).
 */
export function structuralCases(): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const add = (c: FuzzCase) => cases.push(c);
  const one = (name: string, data: Uint8Array, expect: FuzzCase["expect"], stage: FuzzCase["stage"] = "load", more: FuzzFile[] = [], analyzeArgs?: string[]) =>
    add({ name, files: [{ name: "model.onnx", data }, ...more], expect, stage, ...(analyzeArgs ? { analyzeArgs } : {}) });

  // Names that are also properties of every plain object.
  for (const n of ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]) {
    one(`node-named-${n}`, enc(model(chain(3, (i) => (i === 1 ? n : `/layer${i}/Relu`)))), "ok", "engine");
    one(
      `node-named-${n}-with-sidecar`,
      enc(model(chain(3, (i) => (i === 1 ? n : `/layer${i}/Relu`)))),
      "ok",
      "engine",
      [{ name: "model_htp_metadata.json", data: JSON.stringify({ nodes: { [n]: "/Model/Layer", other: "/Model" } }) }],
    );
  }

  // Malformed key/value entries where the decoder reads them raw.
  const header = Uint8Array.from([8, 8, ...field(8, [...field(1, utf8("")), 16, 17])]);
  const nodeBytes = field(1, concat(field(1, utf8("x")), field(2, utf8("y")), field(3, utf8("n")), field(4, utf8("Relu"))));
  const io = concat(field(11, concat(field(1, utf8("x")))), field(12, concat(field(1, utf8("y")))));
  const badEntries: [string, Uint8Array][] = [
    ["wire-type-6", Uint8Array.from([0x0e, 0x01])],
    ["length-past-end", Uint8Array.from([0x0a, 0x7f, 0x41])],
    ["varint-unterminated", Uint8Array.from([0x08, 0xff, 0xff])],
  ];
  for (const [what, entry] of badEntries) {
    const tensor = concat(Uint8Array.from([8, 4, 0x10, 1]), field(8, utf8("w")), field(13, entry), Uint8Array.from([0x70, 1]));
    one(`external-data-entry-${what}`, concat(header, field(7, concat(nodeBytes, field(5, tensor), io))), "refused");
    one(`graph-metadata-entry-${what}`, concat(header, field(7, concat(nodeBytes, io, field(16, entry)))), "refused");
    one(`model-metadata-entry-${what}`, concat(header, field(14, entry), field(7, concat(nodeBytes, io))), "refused");
    one(`node-metadata-entry-${what}`, concat(header, field(7, concat(field(1, concat(field(1, utf8("x")), field(2, utf8("y")), field(4, utf8("Relu")), field(9, entry))), io))), "refused");
  }
  one("wire-type-7-at-top", concat(header, Uint8Array.from([0x0f, 0, 0, 0])), "refused");

  // Class paths and scope names of thousands of segments.
  one("doc-string-hierarchy-path-4000-segments", enc(model(chain(3, (i) => `/l${i}/Relu`).map((n) => ({ ...n, docString: JSON.stringify({ hierarchy_path: deepClassPath(4000) }) })))), "ok", "engine");
  one("modelexport-tag-4000-segments", enc(model(chain(3, (i) => `/l${i}/Relu`, () => [{ key: "modelexport.tag", value: deepClassPath(4000) }]))), "refused");
  one("modelexport-tags-at-the-segment-limit", enc(model(chain(200, (i) => `/l${i}/Relu`, () => [{ key: "modelexport.tag", value: deepClassPath(250) }]))), "ok", "engine");
  one("sidecar-tag-4000-segments", enc(model(chain(3, (i) => `/l${i}/Relu`))), "ok", "engine", [
    { name: "model_htp_metadata.json", data: JSON.stringify({ nodes: { "/l1/Relu": deepClassPath(4000) } }) },
  ]);
  one("scope-name-2000-segments", enc(model(chain(3, (i) => (i === 1 ? deepScope(2000) : `/l${i}/Relu`)))), "refused");
  one("scope-names-at-the-segment-limit", enc(model(chain(200, (i) => deepScope(250).replace("/Relu", `/Relu_${i}`)))), "ok", "engine");
  one("node-name-100k-characters", enc(model(chain(2, (i) => (i === 1 ? "/" + "a".repeat(100_000) : "/a/Relu")))), "refused");

  // Sheer size: many nodes, wide nodes, big metadata.
  one("unnamed-nodes-100k", enc(model(chain(100_000, () => ""))), "ok", "engine");
  const wide = (n: number): NodeMsg[] => [
    ...chain(1, () => "/pre/Relu"),
    { name: "/cat/Concat", opType: "Concat", input: Array.from({ length: n }, (_, i) => (i % 2 ? "t0" : "x")), output: ["y"], attribute: [{ name: "axis", type: 2, i: 0 }] },
  ];
  one("concat-100k-inputs", enc(model(wide(100_000))), "refused");
  one("concat-10k-inputs", enc(model(wide(10_000))), "ok", "engine");
  one("modelexport-module-1mb", enc(model(chain(3, (i) => `/l${i}/Relu`, () => [{ key: "modelexport.module", value: "a.".repeat(500_000) }]))), "refused");
  one("modelexport-module-60kb", enc(model(chain(3, (i) => `/l${i}/Relu`, () => [{ key: "modelexport.module", value: "a.".repeat(30_000) + "b" }]))), "refused");
  one("modelexport-modules-at-the-segment-limit", enc(model(chain(200, (i) => `/l${i}/Relu`, (i) => [{ key: "modelexport.module", value: "m.".repeat(250) + i }]))), "ok", "engine");

  // External data wherever a tensor can stand: refused when it leaves the model's folder.
  const outside = ["../x.bin", "/etc/passwd", "link.bin"];
  const linkFile: FuzzFile = { name: "link.bin", link: "/etc/hostname" };
  for (const loc of outside) {
    const extra = loc === "link.bin" ? [linkFile] : [];
    const tag = loc === "link.bin" ? "link-outside" : loc.startsWith("/") ? "absolute" : "dotdot";
    one(`constant-external-${tag}`, enc(model([constantNode(externalTensor(loc)), addWith("c")])), "refused", "load", extra);
    one(`initializer-external-${tag}`, enc(model([addWith("w")], { initializer: [externalTensor(loc)] })), "refused", "load", extra);
    one(`sparse-initializer-external-${tag}`, enc(model([addWith("w")], { sparseInitializer: [{ values: externalTensor(loc), indices: { name: "i", dims: [1], dataType: 7, int64Data: [0] }, dims: [4] }] })), "refused", "load", extra);
    const body: GraphMsg = { name: "then", node: [constantNode(externalTensor(loc), "z")], input: [], output: [vi("z")] };
    const ifNode: NodeMsg = { name: "/if/If", opType: "If", input: ["cond"], output: ["y"], attribute: [{ name: "then_branch", type: 5, g: body }, { name: "else_branch", type: 5, g: body }] };
    one(`subgraph-constant-external-${tag}`, enc(model([ifNode], { input: [{ name: "cond", type: { tensorType: { elemType: 9, shape: { dim: [] } } } }] })), "refused", "load", extra);
    const fn = { name: "F", domain: "local", input: ["a"], output: ["b"], node: [constantNode(externalTensor(loc), "k"), { name: "add", opType: "Add", input: ["a", "k"], output: ["b"] }], opsetImport: [{ domain: "", version: 17 }] };
    one(
      `function-constant-external-${tag}`,
      enc(model([{ name: "/f/F", opType: "F", domain: "local", input: ["x"], output: ["y"] }], {}, { functions: [fn], opsetImport: [{ domain: "", version: 17 }, { domain: "local", version: 1 }] })),
      "refused",
      "load",
      extra,
    );
    one(`constant-tensors-attribute-external-${tag}`, enc(model([{ ...constantNode(externalTensor(loc)), attribute: [{ name: "values", type: 9, tensors: [externalTensor(loc)] }] }, addWith("c")])), "refused", "load", extra);
  }

  // Sidecars: links, devices, pipes, huge and deep files, BOMs, prototype keys.
  const plain = enc(model(chain(3, (i) => `/l${i}/Relu`)));
  const sidecar = "model_htp_metadata.json";
  one("sidecar-link-to-dev-zero", plain, "refused", "load", [{ name: sidecar, link: "/dev/zero" }]);
  one("sidecar-link-outside-folder", plain, "refused", "load", [{ name: sidecar, link: "/etc/os-release" }]);
  one("sidecar-fifo", plain, "refused", "load", [{ name: sidecar, fifo: true }]);
  one("sidecar-explicit-dev-zero", plain, "refused", "load", [], ["--sidecar", "/dev/zero"]);
  one("sidecar-folder", plain, "refused", "load", [{ name: `${sidecar}/x`, data: "{}" }]);
  one("sidecar-10000-levels", plain, "refused", "load", [{ name: sidecar, data: deepModules(10_000) }]);
  one("sidecar-200000-levels-array", plain, "refused", "load", [{ name: sidecar, data: "[".repeat(200_000) + "]".repeat(200_000) }]);
  one("sidecar-bom", plain, "ok", "load", [{ name: sidecar, data: "\ufeff" + JSON.stringify({ nodes: { "/l1/Relu": "/Model/Layer" } }) }]);
  one("sidecar-not-json-with-secret", plain, "refused", "load", [{ name: sidecar, data: "SECRET-TOKEN-1234\n::warning::x" }]);

  // Names that try to drive the terminal or the runner.
  const hostile = ["evil\n::warning title=pwned::owned", "\u001b[31mred\u001b[0m", "::error::x", "a\r::notice::b", "##[warning]legacy", "\u2028::group::x", "\u009b31m"];
  one(
    "names-with-controls-and-workflow-commands",
    enc(
      model(
        chain(hostile.length * 2, (i) => `/${hostile[i % hostile.length]}/sub${i}/Relu`, (i) => [{ key: "modelexport.module", value: `${hostile[i % hostile.length]}.x` }]),
        {},
        { producerName: "::warning::producer", producerVersion: "\n::error::v", metadataProps: [{ key: "modelexport.modules", value: "\n::warning::m" }] },
      ),
    ),
    "ok",
    "load",
  );
  add({ name: "::warning::file-named-like-a-command", files: [{ name: "::warning::x.onnx", data: plain }], expect: "ok", stage: "load" });

  // Outputs on error: the JSON destination is a folder.
  add({ name: "json-destination-is-a-folder", files: [{ name: "model.onnx", data: plain }, { name: "out.json/keep", data: "" }], expect: "refused", stage: "load", analyzeArgs: ["--json", "out.json"] });
  return cases;
}

/** `{"modules": {...}}` nested `levels` deep, as text (JSON.stringify itself would overflow). */
function deepModules(levels: number): string {
  return `{"modules":${'{"class_name":"M","children":{"c":'.repeat(levels)}{"class_name":"Leaf"}${"}}".repeat(levels)}}`;
}

// --- seeded mutants ----------------------------------------------------------------------------

/** Names known to break the engine stage (prototype keys, class paths of thousands of segments). */
const ENGINE_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "/A".repeat(3000)];
const NAMES = ["\n::warning::x", "\u001b]0;t\u0007", "/a".repeat(3000), "", "..", "/", "a".repeat(5000), "\ud800"];
let HOSTILE_NAMES = [...NAMES, ...ENGINE_NAMES];

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, n: number) => Math.floor(r() * n);

/** Byte-level mutation: bit flips, overwrites, insertions, deletions, truncation, lengths, wire types, duplicated ranges. */
function mutateBytes(r: Rand, src: Uint8Array): { bytes: Uint8Array; how: string } {
  const b = Uint8Array.from(src);
  const at = () => int(r, b.length);
  const op = int(r, 9);
  switch (op) {
    case 0: {
      const n = 1 + int(r, 4);
      for (let k = 0; k < n; k++) {
        const p = at();
        b[p] = b[p]! ^ (1 << int(r, 8));
      }
      return { bytes: b, how: `flip${n}` };
    }
    case 1: {
      const p = at();
      b[p] = int(r, 256);
      return { bytes: b, how: `set@${p}` };
    }
    case 2: {
      const p = at();
      const ins = Uint8Array.from({ length: 1 + int(r, 16) }, () => int(r, 256));
      return { bytes: concat(b.subarray(0, p), ins, b.subarray(p)), how: `insert@${p}` };
    }
    case 3: {
      const p = at();
      const n = 1 + int(r, 64);
      return { bytes: concat(b.subarray(0, p), b.subarray(Math.min(b.length, p + n))), how: `delete@${p}+${n}` };
    }
    case 4: {
      const p = at();
      return { bytes: b.subarray(0, p), how: `truncate@${p}` };
    }
    case 5: {
      // A length-like varint: overwrite with a huge, zero or off-by-one value.
      const p = at();
      const v = pick(r, [0, 1, 127, 128, 0x7fffffff, 2 ** 32, 2 ** 53 - 1]);
      const bytes = Uint8Array.from(varint(v));
      return { bytes: concat(b.subarray(0, p), bytes, b.subarray(Math.min(b.length, p + bytes.length))), how: `varint@${p}=${v}` };
    }
    case 6: {
      // Change the wire type of what looks like a tag byte.
      for (let tries = 0; tries < 50; tries++) {
        const p = at();
        if ((b[p]! & 0x80) === 0 && b[p]! >> 3 > 0) {
          b[p] = (b[p]! & ~7) | int(r, 8);
          return { bytes: b, how: `wire@${p}` };
        }
      }
      return { bytes: b, how: "wire-none" };
    }
    case 7: {
      const p = at();
      const n = 1 + int(r, 256);
      const q = at();
      return { bytes: concat(b.subarray(0, q), b.subarray(p, p + n), b.subarray(q)), how: `dup@${p}+${n}->${q}` };
    }
    default: {
      // Duplicate the whole graph field or append random top-level fields.
      const extra = field(1 + int(r, 20), Uint8Array.from({ length: int(r, 32) }, () => int(r, 256)), pick(r, [0, 1, 2, 5]));
      return { bytes: concat(b, extra), how: "append-field" };
    }
  }
}

/** Message-level mutation: hostile names, metadata, external data, docs, duplicated nodes. */
function mutateMessage(r: Rand, m: ModelMsg): string {
  const nodes = m.graph.node;
  const n = nodes.length ? pick(r, nodes) : undefined;
  const op = int(r, 6);
  switch (op) {
    case 0:
      if (n) n.name = pick(r, HOSTILE_NAMES);
      return "name";
    case 1:
      if (n) n.metadataProps = [...(n.metadataProps ?? []), { key: pick(r, ["modelexport.module", "modelexport.tag", "pkg.torch.onnx.name_scopes", "pkg.torch.onnx.class_hierarchy"]), value: pick(r, HOSTILE_NAMES) }];
      return "metadata";
    case 2:
      if (n) n.docString = pick(r, [JSON.stringify({ hierarchy_path: pick(r, HOSTILE_NAMES) }), "{", "\u0000", "hierarchy_path: x"]);
      return "doc";
    case 3: {
      const t = m.graph.initializer?.length ? pick(r, m.graph.initializer) : undefined;
      if (t) {
        t.dataLocation = 1;
        t.externalData = [{ key: "location", value: pick(r, ["../x", "/etc/passwd", "a/../../b", "", "ok.bin"]) }];
        delete t.rawData;
      }
      return "external";
    }
    case 4:
      if (n) for (let k = 0; k < 1 + int(r, 50); k++) nodes.push({ ...n, output: [...n.output] });
      return "duplicate-nodes";
    default:
      m.metadataProps = [...(m.metadataProps ?? []), { key: "modelexport.modules", value: pick(r, ["{", "[]", "null", JSON.stringify({ "": { class: "__proto__" } })]) }];
      return "model-metadata";
  }
}

export interface Source {
  name: string;
  bytes: Uint8Array;
}

/** Corpus models under `maxBytes` and conformance models, in a fixed order. */
export function fuzzSources(dirs: { corpus: string; conformance: string }, maxBytes = 1 << 20): Source[] {
  const out: Source[] = [];
  if (fs.existsSync(dirs.corpus)) {
    for (const f of fs.readdirSync(dirs.corpus).filter((f) => f.endsWith(".onnx")).sort()) {
      const p = path.join(dirs.corpus, f);
      if (fs.statSync(p).size <= maxBytes) out.push({ name: `corpus/${f}`, bytes: fs.readFileSync(p) });
    }
  }
  if (fs.existsSync(dirs.conformance)) {
    const files: string[] = [];
    const pending = [dirs.conformance];
    for (let d = pending.pop(); d !== undefined; d = pending.pop()) {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) pending.push(p);
        else if (e.name.endsWith(".onnx")) files.push(p);
      }
    }
    for (const p of files.sort()) if (fs.statSync(p).size <= maxBytes) out.push({ name: path.relative(dirs.conformance, p), bytes: fs.readFileSync(p) });
  }
  return out;
}

/**
 * `count` mutants of the sources, the same for the same seed. Corpus models (the ones with
 * hierarchy) are picked as often as all conformance models together.
 */
export function* mutants(sources: Source[], count: number, seed = 1, options: { engineNames?: boolean } = {}): Generator<FuzzCase> {
  const r = seededRandom(seed);
  HOSTILE_NAMES = options.engineNames === false ? NAMES : [...NAMES, ...ENGINE_NAMES];
  const corpus = sources.filter((s) => s.name.startsWith("corpus/"));
  const others = sources.filter((s) => !s.name.startsWith("corpus/"));
  for (let k = 0; k < count; k++) {
    const src = corpus.length && (others.length === 0 || r() < 0.5) ? pick(r, corpus) : pick(r, others);
    let bytes: Uint8Array;
    let how: string;
    if (r() < 0.25) {
      let m: ModelMsg | undefined;
      try {
        m = decodeModelMessage(src.bytes);
      } catch {
        m = undefined;
      }
      if (m) {
        how = mutateMessage(r, m);
        bytes = encodeModelMessage(m);
      } else ({ bytes, how } = mutateBytes(r, src.bytes));
    } else ({ bytes, how } = mutateBytes(r, src.bytes));
    // Sometimes two mutations on top of each other.
    if (r() < 0.2) {
      const second = mutateBytes(r, bytes);
      bytes = second.bytes;
      how += `+${second.how}`;
    }
    yield { name: `mutant-${seed}-${k}-${src.name.replace(/[^\w.-]+/g, "_")}-${how}`, files: [{ name: "model.onnx", data: bytes }], expect: "either" };
  }
}

/** Write a case into `dir` (an empty folder); returns the model's path. */
export function writeCase(dir: string, c: FuzzCase): string {
  for (const f of c.files) {
    const p = path.join(dir, f.name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (f.link !== undefined) fs.symlinkSync(f.link, p);
    else if (f.fifo) execFileSync("mkfifo", [p]);
    else fs.writeFileSync(p, f.data ?? "");
  }
  return path.join(dir, c.files[0]!.name);
}
