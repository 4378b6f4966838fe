/**
 * The command line as users meet it, against the built CLI as a process: one exit-code scheme
 * (0 ok, 1 bad input or a failed gate, 2 usage), suggestions by edit distance for commands,
 * options, subcommands and module paths, option errors in the CLI's own words, folders of models.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { corpusDir, repoRoot } from "./corpus.js";
import { structuralCases, writeCase } from "./support/fuzz-cases.js";

const cli = path.join(repoRoot, "dist/cli.js");
const bert = path.join(repoRoot, "examples", "bert.onnx");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mx-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr, first: r.stderr.split("\n")[0]! };
}

describe("exit codes", () => {
  it("are 2 for command lines that do not parse, everywhere", () => {
    for (const args of [
      [],
      ["nosuch"],
      ["baseline"],
      ["baseline", "updte"],
      ["baseline", "update"],
      ["baseline", "compare", "--base", "x.json"],
      ["analyze"],
      ["analyze", bert, "--threshold", "7"],
      ["analyze", bert, "--threshhold", "0.5"],
      ["analyze", bert, "--json"],
      ["analyze", bert, "--quiet=yes"],
      ["inspect", bert, bert],
      ["extract", bert, "-o", "x.onnx"],
      ["extract", bert, "--module", "encoder"],
      ["export", "--output", "x.onnx"],
      ["enhance", bert],
      ["merge"],
    ]) {
      const r = run(...args);
      expect(r.code, `${args.join(" ")}: ${r.err}`).toBe(2);
      expect(r.err, args.join(" ")).not.toMatch(/internal error|at .*\.js:\d+/);
    }
  });
  it("are 1 for bad input and 0 for success", () => {
    expect(run("analyze", path.join(dir, "missing.onnx")).code).toBe(1);
    expect(run("inspect", bert).code).toBe(0);
    expect(run("--version").code).toBe(0);
    expect(run("analyze", "--help").code).toBe(0);
  });
});

describe("suggestions and option errors", () => {
  it("suggest the nearest command", () => {
    expect(run("analyse").first).toBe("modelexport: unknown command 'analyse'; did you mean 'analyze'?");
    expect(run("zzzz").first).toMatch(/^modelexport: unknown command 'zzzz'; commands: analyze, audit, baseline,/);
  });
  it("say what is wrong with an option in the CLI's words and suggest the nearest", () => {
    const typo = run("analyze", bert, "--threshhold", "0.5");
    expect(typo.first).toBe("modelexport analyze: unknown option '--threshhold'; did you mean --threshold?");
    expect(typo.err).not.toMatch(/To specify a positional argument/);
    expect(typo.err).toContain("usage: modelexport analyze");
    expect(run("analyze", bert, "--json").first).toBe("modelexport analyze: option --json needs a value");
    expect(run("analyze", bert, "--quiet=yes").first).toBe("modelexport analyze: option --quiet takes no value");
    expect(run("extract", bert, "--module", "x", "-o").first).toBe("modelexport extract: option --output needs a value");
    expect(run("baseline", "updte").first).toBe("modelexport baseline: expected 'update' or 'compare', got 'updte'; did you mean 'update'?");
  });
  it("suggest module paths by edit distance", () => {
    const r = run("extract", bert, "--module", "encoder.layr.0", "-o", path.join(dir, "x.onnx"));
    expect(r.code).toBe(1);
    expect(r.first).toMatch(/no node belongs to module 'encoder\.layr\.0'; did you mean 'encoder\.layer\.0'/);
    expect(fs.existsSync(path.join(dir, "x.onnx"))).toBe(false);
  });
});

describe("folders", () => {
  it("analyze DIR analyses the .onnx files under it, in sorted order", () => {
    const d = path.join(dir, "models");
    fs.mkdirSync(path.join(d, "sub"), { recursive: true });
    fs.copyFileSync(path.join(corpusDir, "gpt2.onnx"), path.join(d, "b.onnx"));
    fs.copyFileSync(bert, path.join(d, "sub", "a.onnx"));
    fs.writeFileSync(path.join(d, "notes.txt"), "not a model");
    const r = run("analyze", d, "--json", "-");
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { models: { model: string }[] };
    expect(report.models.map((m) => m.model)).toEqual(["models/b.onnx", "models/sub/a.onnx"]);
    const empty = path.join(dir, "empty");
    fs.mkdirSync(empty);
    const e = run("analyze", empty);
    expect(e.code).toBe(1);
    expect(e.first).toBe(`modelexport analyze: ${empty}: no .onnx files in this folder`);
  });
});

describe("external data outside the model's folder", () => {
  it("is refused by extract too, for a Constant's tensor, before any runtime sees it", () => {
    for (const name of ["constant-external-dotdot", "constant-external-absolute", "constant-external-link-outside", "function-constant-external-dotdot"]) {
      const c = structuralCases().find((x) => x.name === name)!;
      const d = fs.mkdtempSync(path.join(dir, "ext-"));
      const model = writeCase(d, c);
      const r = run("extract", model, "--module", "layer", "-o", path.join(d, "out.onnx"));
      expect(r.code, name).toBe(1);
      expect(r.first, name).toMatch(/: tensor 'w' has external data location '.*': (paths that leave|absolute paths are refused|it is a link to)/);
      expect(fs.existsSync(path.join(d, "out.onnx"))).toBe(false);
    }
  });
});
