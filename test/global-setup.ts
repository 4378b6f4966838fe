/**
 * Makes sure the real-model corpus exists before any test runs: the corpus is generated from
 * committed model definitions by Debian's torch, and cached under corpus/build/.
 * CORPUS=skip runs the tests that do not need it while developing; corpus tests then fail.
 */
import { ensureCorpus } from "./corpus.js";

export default function setup(): void {
  if (process.env.CORPUS !== "skip") ensureCorpus();
}
