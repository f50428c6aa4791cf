// Python params files as DVC reads them (dvc/utils/serialize/_py.py): module-level `NAME = literal` (and
// `NAME: type = literal`), class bodies (`class Train:` → `Train.lr`) and `self.x = literal` in a class's
// __init__; values are Python literals (numbers, strings, True/False/None, lists, tuples, sets, dicts).
import type { Value } from '../stage.js';

/** The params of a Python file, or a message naming the first line that cannot be read. */
export function parsePyParams(text: string): { ok: true; value: Record<string, Value> } | { ok: false; line: number; message: string } {
  const out: Record<string, Value> = {};
  const lines = text.split('\n');
  let cls: { name: string; indent: number; data: Record<string, Value> } | undefined;
  let inInit: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.replace(/\s+#.*$/, '');
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (cls !== undefined && indent <= cls.indent) {
      out[cls.name] = cls.data;
      cls = undefined;
      inInit = undefined;
    }
    const classDef = /^class\s+(\w+)\s*(\(.*\))?\s*:\s*$/.exec(line.trim());
    if (classDef !== null && indent === 0) {
      cls = { name: classDef[1] ?? '', indent, data: {} };
      continue;
    }
    if (cls !== undefined && /^def\s+__init__\s*\(/.test(line.trim())) {
      inInit = indent;
      continue;
    }
    if (inInit !== undefined && indent <= inInit) inInit = undefined;
    const assign = /^(self\.)?(\w+)\s*(?::\s*[^=]+)?=\s*(.+)$/.exec(line.trim());
    if (assign === null) continue; // imports, functions and other statements hold no params
    const [, self, name = '', expr = ''] = assign;
    if ((self !== undefined) !== (inInit !== undefined)) continue;
    let full = expr;
    while (!balanced(full) && i + 1 < lines.length) full += '\n' + (lines[++i] ?? '');
    const value = parseLiteral(full.trim());
    if (value === undefined) {
      if (inInit !== undefined || cls !== undefined || indent === 0) return { ok: false, line: i + 1, message: `cannot read '${name}': not a Python literal` };
      continue;
    }
    if (cls !== undefined && (indent > cls.indent)) {
      if (inInit === undefined && indent > cls.indent + 4 && self === undefined) continue;
      cls.data[name] = value;
    } else if (indent === 0) out[name] = value;
  }
  if (cls !== undefined) out[cls.name] = cls.data;
  return { ok: true, value: out };
}

function balanced(s: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth--;
  }
  return depth <= 0 && quote === undefined;
}

/** A Python literal as a Value; undefined when `src` is anything else (a call, a name, an expression). */
export function parseLiteral(src: string): Value | undefined {
  let p = 0;
  const ws = (): void => {
    while (p < src.length && /\s/.test(src[p] ?? '')) p++;
  };
  const value = (): Value | undefined => {
    ws();
    const c = src[p];
    if (c === '[' || c === '(' || c === '{') return container(c);
    if (c === '"' || c === "'") return string();
    const word = /^(True|False|None|[+-]?(?:\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))/.exec(src.slice(p));
    if (word === null) return undefined;
    p += word[0].length;
    if (word[0] === 'True') return true;
    if (word[0] === 'False') return false;
    if (word[0] === 'None') return null;
    return Number(word[0].replaceAll('_', ''));
  };
  const string = (): Value | undefined => {
    const q = src[p];
    const triple = src.startsWith(q?.repeat(3) ?? '', p);
    const end = triple ? (q ?? '').repeat(3) : (q ?? '');
    p += end.length;
    let out = '';
    while (p < src.length && !src.startsWith(end, p)) {
      if (src[p] === '\\') {
        const n = src[p + 1] ?? '';
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
        p += 2;
      } else out += src[p++];
    }
    if (p >= src.length) return undefined;
    p += end.length;
    ws();
    if (src[p] === '"' || src[p] === "'") {
      const more = string(); // adjacent literals concatenate
      return typeof more === 'string' ? out + more : undefined;
    }
    return out;
  };
  const container = (open: string): Value | undefined => {
    const close = open === '[' ? ']' : open === '(' ? ')' : '}';
    p++;
    const items: Value[] = [];
    const map: Record<string, Value> = {};
    let isMap = open === '{' ? undefined : false;
    for (;;) {
      ws();
      if (src[p] === close) {
        p++;
        return isMap === true ? map : items;
      }
      const v = value();
      if (v === undefined) return undefined;
      ws();
      if (src[p] === ':' && isMap !== false) {
        isMap = true;
        p++;
        const x = value();
        if (x === undefined) return undefined;
        map[typeof v === 'string' ? v : JSON.stringify(v)] = x;
      } else {
        if (isMap === true) return undefined;
        isMap = false;
        items.push(v);
      }
      ws();
      if (src[p] === ',') p++;
      else if (src[p] !== close) return undefined;
    }
  };
  const v = value();
  ws();
  return p === src.length ? v : undefined;
}
