/** Entry point of the `modelexport` binary (bundled to dist/cli.js). */
import { main } from "./main.js";
import { guardStream } from "./output.js";

// Names from model files reach the output: escape controls, never start a workflow command.
guardStream(process.stdout);
guardStream(process.stderr);

// `modelexport audit ... | head`: the reader went away; stop quietly as other Unix tools do.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Anything reaching here is a bug, not bad input: keep the stack for the report.
    process.stderr.write(`modelexport: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  },
);
