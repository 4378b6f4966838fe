#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  VERSION
} from "./cli-chunks/chunk-MG3C76CF.js";
import {
  UserError,
  didYouMean,
  oneLine
} from "./cli-chunks/chunk-THEZH5GJ.js";

// src/cli/main.ts
var commands = {
  inspect: () => import("./cli-chunks/inspect-QQOMAYD4.js"),
  analyze: () => import("./cli-chunks/analyze-Y2ZPHKCX.js"),
  export: () => import("./cli-chunks/export-ISV3GTJ7.js"),
  baseline: () => import("./cli-chunks/baseline-L73YHMPD.js"),
  validate: () => import("./cli-chunks/validate-HKB6ODGO.js"),
  extract: () => import("./cli-chunks/extract-XID4K7D4.js"),
  enhance: () => import("./cli-chunks/enhance-LESTDS5P.js"),
  audit: () => import("./cli-chunks/audit-YCQTDMZD.js"),
  merge: () => import("./cli-chunks/merge-KENFUBS6.js")
};
async function help() {
  const lines = [`modelexport ${VERSION}: module hierarchy and cross-layer contamination in ONNX models`, "", "Commands:"];
  for (const name of Object.keys(commands).sort()) {
    const mod = await commands[name]();
    lines.push(`  ${name.padEnd(10)} ${mod.summary}`);
  }
  lines.push("", "Run `modelexport COMMAND --help` for a command's options.");
  return lines.join("\n");
}
function quoteArg(arg) {
  return `'${oneLine(arg, 80)}'`;
}
function formatError(command, message, usage, details = []) {
  const withUsage = message.endsWith(`
${usage}`);
  const body = withUsage ? message.slice(0, -usage.length - 1) : message;
  const extra = details.map((d) => `
${oneLine(d, 600)}`).join("");
  return `modelexport ${command}: ${oneLine(body, 600)}${extra}${withUsage ? `
${usage}` : ""}`;
}
async function main(argv) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(await help() + "\n");
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    process.stdout.write(`${VERSION}
`);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : void 0;
  if (!load) {
    const names = Object.keys(commands).sort();
    const hint = didYouMean(name, names);
    process.stderr.write(`modelexport: unknown command ${quoteArg(name)}${hint || `; commands: ${names.join(", ")}`}
`);
    return 2;
  }
  const mod = await load();
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${mod.usage}
`);
    return 0;
  }
  try {
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(formatError(name, err.message, mod.usage, err.details) + "\n");
      return err.exitCode;
    }
    throw err;
  }
}

// src/cli/output.ts
var OutputGuard = class {
  blank = true;
  feed(chunk) {
    let out = "";
    let from = 0;
    const replace = (start, end, rep) => {
      out += chunk.slice(from, start) + rep;
      from = end;
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) {
        this.blank = true;
        continue;
      }
      if (c < 32 && c !== 9 && c !== 13) {
        replace(i, i + 1, `\\u${c.toString(16).padStart(4, "0")}`);
        this.blank = false;
        continue;
      }
      if (c === 32 || c === 9 || (c === 160 || c >= 5760) && /\s/.test(chunk[i]) && c !== 8232 && c !== 8233) continue;
      if (c === 13 || c >= 127 && c <= 159 || c === 8232 || c === 8233) {
        replace(i, i + 1, c === 13 ? "\\r" : `\\u${c.toString(16).padStart(4, "0")}`);
      } else if (c === 58 && this.blank && (chunk.charCodeAt(i + 1) === 58 || i + 1 === chunk.length)) {
        replace(i, i + 1, "\\u003a");
      } else if (c === 35 && chunk.startsWith("#[", i + 1)) {
        replace(i + 1, i + 2, "\\u0023");
        i++;
      }
      this.blank = false;
    }
    return out + chunk.slice(from);
  }
};
function guardStream(stream) {
  const guard = new OutputGuard();
  const write = stream.write.bind(stream);
  stream.write = ((chunk, ...rest) => {
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : String(chunk);
    return write(guard.feed(text), ...rest.filter((r) => typeof r === "function"));
  });
}

// src/cli/bin.ts
guardStream(process.stdout);
guardStream(process.stderr);
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});
function exitWhenWritten(code) {
  process.exitCode = code;
  let pending = 2;
  const written = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", written);
  process.stderr.write("", written);
}
main(process.argv.slice(2)).then(exitWhenWritten, (err) => {
  process.stderr.write(`modelexport: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}
`);
  exitWhenWritten(70);
});
