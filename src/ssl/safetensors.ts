// Reads and writes the safetensors format (https://github.com/huggingface/safetensors, "Format" section):
// an 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}} (plus an optional
// `__metadata__` map of strings), then raw little-endian tensor data. Offsets are relative to the data section.
import { readFile, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { z } from 'zod';

/** A tensor converted to float32, with its shape (row-major). */
export interface Float32Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

const BYTES_PER_ELEMENT = { F32: 4, F16: 2, BF16: 2, F64: 8 } as const;
type SupportedDtype = keyof typeof BYTES_PER_ELEMENT;

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

const entrySchema = z.object({
  dtype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  data_offsets: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});
const headerSchema = z.record(z.string(), z.unknown());
const metadataSchema = z.record(z.string(), z.string());

/** Converts an IEEE 754 half-precision bit pattern to a number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function decodeData(bytes: Uint8Array, dtype: SupportedDtype, count: number): Float32Array {
  // new Uint8Array(view) copies into a fresh, aligned buffer (Buffer.slice would not copy): the fast path for the common case.
  if (dtype === 'F32' && LITTLE_ENDIAN_HOST) return new Float32Array(new Uint8Array(bytes).buffer, 0, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  if (dtype === 'F32') {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
  } else if (dtype === 'F64') {
    for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
  } else if (dtype === 'F16') {
    for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
  } else {
    const widened = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) widened[i] = view.getUint16(i * 2, true) << 16;
  }
  return out;
}

/** Parsed safetensors file: tensor names, lazily converted tensors and the metadata map. */
export interface SafetensorsFile {
  readonly names: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
  shape(name: string): readonly number[] | undefined;
  /** The tensor as float32; throws RangeError if it is absent. */
  tensor(name: string): Float32Tensor;
}

/** Parses safetensors bytes; throws RangeError naming `source` on a malformed header or out-of-range data. */
export function parseSafetensors(bytes: Uint8Array, source = 'safetensors'): SafetensorsFile {
  if (bytes.byteLength < 8) throw new RangeError(`${source}: file too short for a safetensors header`);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength > bytes.byteLength - 8) throw new RangeError(`${source}: header length ${headerLength} exceeds the file size`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw new RangeError(`${source}: header is not valid JSON`);
  }
  const header = headerSchema.parse(json);
  const dataStart = 8 + headerLength;
  const dataLength = bytes.byteLength - dataStart;
  const entries = new Map<string, { dtype: SupportedDtype; shape: number[]; begin: number; end: number }>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      const parsed = metadataSchema.safeParse(raw);
      if (!parsed.success) throw new RangeError(`${source}: __metadata__ must map strings to strings`);
      metadata = parsed.data;
      continue;
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) throw new RangeError(`${source}: tensor '${name}' has a malformed header entry`);
    const { dtype, shape, data_offsets: [begin, end] } = parsed.data;
    if (!(dtype in BYTES_PER_ELEMENT)) throw new RangeError(`${source}: tensor '${name}' has unsupported dtype ${dtype} (supported: F32, F16, BF16, F64)`);
    const size = BYTES_PER_ELEMENT[dtype as SupportedDtype];
    const count = shape.reduce((a, b) => a * b, 1);
    if (end < begin || end > dataLength || end - begin !== count * size) {
      throw new RangeError(`${source}: tensor '${name}' data_offsets [${begin}, ${end}] do not fit shape [${shape.join(', ')}] ${dtype} in ${dataLength} data bytes`);
    }
    entries.set(name, { dtype: dtype as SupportedDtype, shape, begin: dataStart + begin, end: dataStart + end });
  }
  return {
    names: [...entries.keys()],
    metadata,
    shape: (name) => entries.get(name)?.shape,
    tensor(name) {
      const entry = entries.get(name);
      if (entry === undefined) throw new RangeError(`${source}: no tensor named '${name}'`);
      const count = entry.shape.reduce((a, b) => a * b, 1);
      return { shape: entry.shape, data: decodeData(bytes.subarray(entry.begin, entry.end), entry.dtype, count) };
    },
  };
}

/** Reads and parses a safetensors file from disk. */
export async function readSafetensors(path: string): Promise<SafetensorsFile> {
  return parseSafetensors(await readFile(path), path);
}

/** Serialises float32 tensors (in the given order) with optional metadata into safetensors bytes. */
export function encodeSafetensors(tensors: ReadonlyMap<string, Float32Tensor>, metadata?: Readonly<Record<string, string>>): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header['__metadata__'] = metadata;
  let offset = 0;
  for (const [name, tensor] of tensors) {
    const count = tensor.shape.reduce((a, b) => a * b, 1);
    if (count !== tensor.data.length) throw new RangeError(`tensor '${name}': shape [${tensor.shape.join(', ')}] does not match ${tensor.data.length} values`);
    header[name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + count * 4] };
    offset += count * 4;
  }
  let headerText = JSON.stringify(header);
  // Pad the header with spaces so the data section starts 8-byte aligned, as the reference writer does.
  headerText += ' '.repeat((8 - ((8 + Buffer.byteLength(headerText)) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.byteLength;
  for (const tensor of tensors.values()) {
    if (LITTLE_ENDIAN_HOST) {
      out.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), position);
      position += tensor.data.byteLength;
    } else {
      for (let i = 0; i < tensor.data.length; i++, position += 4) view.setFloat32(position, tensor.data[i] ?? 0, true);
    }
  }
  return out;
}

/** Writes float32 tensors to a safetensors file. */
export async function writeSafetensors(path: string, tensors: ReadonlyMap<string, Float32Tensor>, metadata?: Readonly<Record<string, string>>): Promise<void> {
  await writeFile(path, encodeSafetensors(tensors, metadata));
}
