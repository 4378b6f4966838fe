/**
 * Parse the Python `repr()` of a list of strings, as PyTorch's dynamo exporter writes into
 * `pkg.torch.onnx.name_scopes` and `pkg.torch.onnx.class_hierarchy`:
 * "['', 'encoder', 'encoder.layer.0']". Returns null for anything else.
 */
export function parsePythonStringList(text: string): string[] | null {
  let i = 0;
  const s = text.trim();
  const out: string[] = [];
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  if (s[i] !== "[") return null;
  i++;
  skipWs();
  if (s[i] === "]") return i === s.length - 1 ? out : null;
  for (;;) {
    skipWs();
    const q = s[i];
    if (q !== "'" && q !== '"') return null;
    i++;
    let str = "";
    for (;;) {
      if (i >= s.length) return null;
      const c = s[i]!;
      if (c === q) break;
      if (c === "\\") {
        const e = s[i + 1];
        if (e === undefined) return null;
        const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
        if (e in simple) {
          str += simple[e];
          i += 2;
        } else if (e === "x" || e === "u" || e === "U") {
          const len = e === "x" ? 2 : e === "u" ? 4 : 8;
          const hex = s.slice(i + 2, i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return null;
          str += String.fromCodePoint(parseInt(hex, 16));
          i += 2 + len;
        } else {
          str += "\\" + e;
          i += 2;
        }
        continue;
      }
      str += c;
      i++;
    }
    i++;
    out.push(str);
    skipWs();
    if (s[i] === ",") {
      i++;
      skipWs();
      if (s[i] === "]") break;
      continue;
    }
    if (s[i] === "]") break;
    return null;
  }
  return i === s.length - 1 ? out : null;
}
