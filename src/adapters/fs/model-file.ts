/**
 * Filesystem adapter for the decoder: a file-backed ByteSource, external-data path checks,
 * and errors that name the file.
 */
import fs from "node:fs";
import path from "node:path";
import { decodeModel, type ByteSource, type DecodeOptions } from "../../load/decode.js";
import { ModelLimitError, quoteName } from "../../load/limits.js";
import { OnnxDecodeError, type OnnxGraph, type OnnxModel, type OnnxNode, type TensorInfo } from "../../load/model.js";

// The errors live apart so that importing them does not load the decoder (the CLI's start-up).
export { UsageError, UserError } from "./errors.js";
import { UserError } from "./errors.js";

/** Positional reads from an open file; never maps or loads the whole file. */
export class FileSource implements ByteSource {
  readonly size: number;
  constructor(
    private readonly fd: number,
    size: number,
  ) {
    this.size = size;
  }

  read(offset: number, length: number): Uint8Array {
    const buf = Buffer.allocUnsafe(length);
    this.readInto(offset, buf);
    return buf;
  }

  readInto(offset: number, target: Uint8Array): void {
    let done = 0;
    while (done < target.length) {
      const n = fs.readSync(this.fd, target, done, target.length - done, offset + done);
      if (n === 0) throw new OnnxDecodeError("the file ended while it was being read (was it changed during analysis?)", offset + done);
      done += n;
    }
  }
}

export interface LoadedModel {
  file: string;
  model: OnnxModel;
}

/**
 * Every tensor the model holds, wherever one can stand: initializers and sparse initializers of
 * every graph, tensor attributes (Constant values and any other) of every node, in subgraphs
 * and function bodies. Iterative: nesting comes from the file.
 */
export function allTensors(model: OnnxModel): TensorInfo[] {
  // Loops, never `push(...list)`: a spread of 500,000 nodes overflows the stack.
  const out: TensorInfo[] = [];
  const graphs: OnnxGraph[] = [model.graph];
  // Indexed loops: over a graph's hundreds of thousands of nodes, visited once, `for...of` made an
  // iterator result per node before the loop was optimized.
  const visitNodes = (nodes: readonly OnnxNode[]) => {
    for (let i = 0; i < nodes.length; i++) {
      const attributes = nodes[i]!.attributes;
      for (let k = 0; k < attributes.length; k++) {
        const a = attributes[k]!;
        if (a.t) out.push(a.t);
        if (a.tensors) for (const t of a.tensors) out.push(t);
        if (a.g) graphs.push(a.g);
        if (a.graphs) for (const g of a.graphs) graphs.push(g);
      }
    }
  };
  for (const fn of model.functions) visitNodes(fn.nodes);
  for (let g = graphs.pop(); g; g = graphs.pop()) {
    for (const t of g.initializers) out.push(t);
    for (const t of g.sparseInitializers) out.push(t);
    visitNodes(g.nodes);
  }
  return out;
}

/**
 * Refuse external data locations that leave the model's folder: absolute paths, `..` segments,
 * and links whose target is outside. The payloads themselves are never read.
 */
export function checkExternalData(file: string, model: OnnxModel): void {
  const dir = path.dirname(path.resolve(file));
  let realDir: string | undefined;
  for (const t of allTensors(model)) {
    if (t.payload.kind !== "external") continue;
    const loc = t.payload.location;
    const what = `tensor ${quoteName(t.name)} has external data location ${quoteName(loc)}`;
    if (loc === "") throw new UserError(`${file}: ${what}: the location is empty`);
    if (path.isAbsolute(loc) || path.win32.isAbsolute(loc) || loc.includes("\0")) {
      throw new UserError(`${file}: ${what}: absolute paths are refused; external data must sit in the model's folder`);
    }
    const parts = loc.split(/[\\/]+/);
    if (parts.includes("..")) {
      throw new UserError(`${file}: ${what}: paths that leave the model's folder are refused`);
    }
    const target = path.resolve(dir, loc);
    if (fs.lstatSync(target, { throwIfNoEntry: false })) {
      realDir ??= fs.realpathSync(dir);
      let real: string;
      try {
        real = fs.realpathSync(target);
      } catch {
        throw new UserError(`${file}: ${what}: it is a link that leads nowhere`);
      }
      if (real !== realDir && !real.startsWith(realDir + path.sep)) {
        throw new UserError(`${file}: ${what}: it is a link to ${quoteName(real, 200)}, outside the model's folder`);
      }
    }
  }
}

/** Load the structure of one ONNX file. Every failure is a `UserError` naming the file. */
export function loadModelFile(file: string, options: DecodeOptions = {}): LoadedModel {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a directory" : String((err as Error).message);
    throw new UserError(`${file}: cannot open: ${why}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new UserError(`${file}: cannot open: it is a directory`);
    const model = decodeModel(new FileSource(fd, stat.size), options);
    checkExternalData(file, model);
    return { file, model };
  } catch (err) {
    if (err instanceof ModelLimitError) throw new UserError(`${file}: beyond what modelexport analyses: ${err.message}`);
    if (err instanceof OnnxDecodeError) throw new UserError(`${file}: not a valid ONNX model: ${err.message}`);
    if ((err as NodeJS.ErrnoException).code === "EISDIR") throw new UserError(`${file}: cannot open: it is a directory`);
    throw err;
  } finally {
    fs.closeSync(fd);
  }
}
