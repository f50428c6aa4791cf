// Parses YAML keeping node positions, so that every config error can be printed as file:line:col.
import { LineCounter, isMap, isSeq, isScalar, parseDocument, type Document } from 'yaml';
import type { Failure, SourcePos } from '../failure.js';
import { fail, ok, type Result } from '../result.js';

/** A parsed YAML file with what is needed to locate any of its nodes. */
export interface YamlSource {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly value: unknown;
}

export type YamlPath = readonly (string | number)[];

/** Parses `text` (named `file` in messages); a syntax error becomes a `yaml-syntax` failure. */
export function parseYamlSource(file: string, text: string): Result<YamlSource, Failure> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const at = lines.linePos(first.pos[0]);
    const message = first.message.split('\n')[0] ?? first.message;
    return fail({ reason: 'yaml-syntax', pos: { file, line: at.line, col: at.col }, message: tidy(message) });
  }
  return ok({ file, doc, lines, value: doc.toJS({ maxAliasCount: 1000 }) as unknown });
}

/** Strips the position suffix the yaml library appends, since we print our own. */
function tidy(message: string): string {
  return message.replace(/ at line \d+, column \d+:?$/, '');
}

/** Position of the node at `path` (or of its key when `atKey`), falling back to the deepest existing ancestor. */
export function positionOf(src: YamlSource, path: YamlPath, atKey = false): SourcePos {
  let node: unknown = src.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) break;
      const keyStart = rangeStart(pair.key);
      if (last && atKey && keyStart !== undefined) {
        offset = keyStart;
        break;
      }
      node = pair.value;
      offset = rangeStart(node) ?? keyStart ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  const at = src.lines.linePos(offset);
  return { file: src.file, line: at.line, col: at.col };
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    return range?.[0];
  }
  return undefined;
}
