/**
 * What the CLI prints is safe to print: text from a model file cannot drive the terminal (control
 * characters are escaped) nor a GitHub Actions runner reading the output (no line starts a
 * workflow command `::name::`, and no `##[` legacy command appears). Every escape used is also a
 * JSON string escape, so JSON printed through the guard stays valid JSON.
 */

/** Neutralises one stream's text, chunk by chunk; `blank` carries "only spaces so far on this line". */
export class OutputGuard {
  private blank = true;

  feed(chunk: string): string {
    let out = "";
    let from = 0;
    const replace = (start: number, end: number, rep: string) => {
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
      // Spaces in the runner's sense (it trims Unicode white space before looking for '::').
      if (c === 32 || c === 9 || ((c === 0xa0 || c >= 0x1680) && /\s/.test(chunk[i]!) && c !== 0x2028 && c !== 0x2029)) continue;
      if (c === 13 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
        replace(i, i + 1, c === 13 ? "\\r" : `\\u${c.toString(16).padStart(4, "0")}`);
      } else if (c === 58 /* : */ && this.blank && (chunk.charCodeAt(i + 1) === 58 || i + 1 === chunk.length)) {
        // The runner trims leading spaces before looking for '::'; a ':' ending the chunk may
        // meet its twin in the next write.
        replace(i, i + 1, "\\u003a");
      } else if (c === 35 /* # */ && chunk.startsWith("#[", i + 1)) {
        replace(i + 1, i + 2, "\\u0023");
        i++;
      }
      this.blank = false;
    }
    return out + chunk.slice(from);
  }
}

/** Route everything written to `stream` through a guard (strings and buffers alike). */
export function guardStream(stream: NodeJS.WriteStream): void {
  const guard = new OutputGuard();
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : String(chunk);
    return write(guard.feed(text), ...rest.filter((r) => typeof r === "function"));
  }) as typeof stream.write;
}
