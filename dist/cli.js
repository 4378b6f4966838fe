#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  VERSION
} from "./cli-chunks/chunk-MG3C76CF.js";
import {
  UserError
} from "./cli-chunks/chunk-UWEOBCVG.js";

// src/cli/main.ts
var commands = {
  inspect: () => import("./cli-chunks/inspect-KXQZFVCE.js"),
  analyze: () => import("./cli-chunks/analyze-MRQ72G6U.js"),
  export: () => import("./cli-chunks/export-SBHZGD45.js"),
  baseline: () => import("./cli-chunks/baseline-W5CB2UKF.js"),
  validate: () => import("./cli-chunks/validate-7A3T6GXT.js"),
  extract: () => import("./cli-chunks/extract-AYWJJKPF.js"),
  enhance: () => import("./cli-chunks/enhance-WIU25I3Z.js"),
  audit: () => import("./cli-chunks/audit-LLRQAFWN.js"),
  merge: () => import("./cli-chunks/merge-JTCRAFBU.js")
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
  const load = commands[name];
  if (!load) {
    process.stderr.write(`modelexport: unknown command '${name}'. Commands: ${Object.keys(commands).sort().join(", ")}
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
      process.stderr.write(`modelexport ${name}: ${err.message}
`);
      return err.exitCode;
    }
    throw err;
  }
}

// src/cli/bin.ts
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`modelexport: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}
`);
    process.exitCode = 70;
  }
);
