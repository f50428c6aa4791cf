// Encoders for the subset of ONNX's protobuf schema this project writes. Field numbers are those of
// onnx/onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, IR version 9).
import { endianness } from 'node:os';
import { ProtoWriter } from './protobuf.js';

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT64: 7 } as const;

/** A constant tensor (initializer): float32 or int64 values. */
export interface TensorSpec {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

/** A node attribute value: int, float, ints, floats or string. */
export type AttributeValue =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'string'; readonly value: string };

export interface NodeSpec {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly name: string;
  readonly domain?: string;
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
}

/** A graph input/output: float32 tensor whose dims are fixed sizes or symbolic names (dynamic axes). */
export interface ValueInfoSpec {
  readonly name: string;
  readonly dims: readonly (number | string)[];
}

export interface ModelSpec {
  readonly graphName: string;
  readonly nodes: readonly NodeSpec[];
  readonly initializers: readonly TensorSpec[];
  readonly inputs: readonly ValueInfoSpec[];
  readonly outputs: readonly ValueInfoSpec[];
  readonly opsetVersion: number;
  readonly producer: string;
}

const LITTLE_ENDIAN_HOST = endianness() === 'LE';
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, ints: 7 } as const;

function rawBytes(data: Float32Array | BigInt64Array): Uint8Array {
  if (!LITTLE_ENDIAN_HOST) throw new RangeError('ONNX raw_data is little-endian; big-endian hosts are not supported');
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Encodes a TensorProto (dims = 1, data_type = 2, name = 8, raw_data = 9). */
export function encodeTensor(tensor: TensorSpec): ProtoWriter {
  const w = new ProtoWriter();
  for (const dim of tensor.dims) w.int(1, dim);
  w.int(2, tensor.data instanceof Float32Array ? DataType.FLOAT : DataType.INT64);
  w.string(8, tensor.name);
  w.bytes(9, rawBytes(tensor.data));
  return w;
}

/** Encodes an AttributeProto (name = 1, f = 2, i = 3, s = 4, ints = 8, type = 20). */
function encodeAttribute(name: string, attribute: AttributeValue): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if (attribute.kind === 'float') w.float(2, attribute.value);
  else if (attribute.kind === 'int') w.int(3, attribute.value);
  else if (attribute.kind === 'string') w.string(4, attribute.value);
  else for (const v of attribute.value) w.int(8, v);
  return w.int(20, ATTRIBUTE_TYPE[attribute.kind]);
}

/** Encodes a NodeProto (input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7). */
function encodeNode(node: NodeSpec): ProtoWriter {
  const w = new ProtoWriter();
  for (const input of node.inputs) w.string(1, input);
  for (const output of node.outputs) w.string(2, output);
  w.string(3, node.name).string(4, node.opType);
  for (const [name, attribute] of Object.entries(node.attributes ?? {})) w.message(5, encodeAttribute(name, attribute));
  if (node.domain !== undefined) w.string(7, node.domain);
  return w;
}

/** Encodes a ValueInfoProto (name = 1, type = 2) with TypeProto.tensor_type = 1 {elem_type = 1, shape = 2}. */
function encodeValueInfo(info: ValueInfoSpec): ProtoWriter {
  const shape = new ProtoWriter();
  for (const dim of info.dims) {
    const d = new ProtoWriter();
    if (typeof dim === 'number') d.int(1, dim);
    else d.string(2, dim);
    shape.message(1, d);
  }
  const tensorType = new ProtoWriter().int(1, DataType.FLOAT).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, info.name).message(2, type);
}

/** Encodes a ModelProto (ir_version = 1, producer_name = 2, graph = 7, opset_import = 8) with its GraphProto
 * (node = 1, name = 2, initializer = 5, input = 11, output = 12). */
export function encodeModel(model: ModelSpec): Uint8Array {
  const graph = new ProtoWriter();
  for (const node of model.nodes) graph.message(1, encodeNode(node));
  graph.string(2, model.graphName);
  for (const tensor of model.initializers) graph.message(5, encodeTensor(tensor));
  for (const input of model.inputs) graph.message(11, encodeValueInfo(input));
  for (const output of model.outputs) graph.message(12, encodeValueInfo(output));
  const opset = new ProtoWriter().string(1, '').int(2, model.opsetVersion);
  return new ProtoWriter().int(1, 9).string(2, model.producer).message(7, graph).message(8, opset).finish();
}
