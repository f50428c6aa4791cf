// Accumulates ONNX nodes and initializers with generated unique value names, plus the few composite blocks
// (linear layer, exact GELU, LayerNorm) the SSL graph is made of.
import { encodeModel, type AttributeValue, type TensorSpec, type ValueInfoSpec } from './onnx-proto.js';
import type { NodeSpec } from './onnx-proto.js';

/** Default opset: 17 is the first with LayerNormalization. */
export const OPSET_VERSION = 17;

/** Mutable builder of one ONNX graph. */
export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: TensorSpec[] = [];
  private counter = 0;

  private fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  /** Adds a float32 initializer and returns its name. */
  constant(name: string, dims: readonly number[], data: Float32Array): string {
    this.initializers.push({ name, dims, data });
    return name;
  }

  /** Adds an int64 initializer (shapes, axes) and returns its name. */
  int64s(values: readonly number[]): string {
    const name = this.fresh('const_i64');
    this.initializers.push({ name, dims: [values.length], data: BigInt64Array.from(values.map((v) => BigInt(v))) });
    return name;
  }

  /** Adds a float32 scalar initializer and returns its name. */
  scalar(value: number): string {
    const name = this.fresh('const_f32');
    this.initializers.push({ name, dims: [], data: Float32Array.of(value) });
    return name;
  }

  /** Adds a node with one output (or `outputName`) and returns the output's name. */
  op(opType: string, inputs: readonly string[], attributes?: Readonly<Record<string, AttributeValue>>, outputName?: string): string {
    const output = outputName ?? this.fresh(opType.toLowerCase());
    this.nodes.push({ opType, inputs, outputs: [output], name: this.fresh(`node_${opType}`), ...(attributes ? { attributes } : {}) });
    return output;
  }

  /** Renames a value by an Identity node (used to give graph outputs stable names). */
  identity(input: string, outputName: string): string {
    return this.op('Identity', [input], undefined, outputName);
  }

  /** x · Wᵀ + b for x [..., in], with `weightT` already transposed to [in, out]. */
  linear(x: string, weightT: string, bias?: string): string {
    const product = this.op('MatMul', [x, weightT]);
    return bias === undefined ? product : this.op('Add', [product, bias]);
  }

  /** Exact GELU, 0.5·x·(1 + erf(x/√2)), in the pattern onnxruntime fuses into one Gelu kernel. */
  gelu(x: string): string {
    const erf = this.op('Erf', [this.op('Div', [x, this.scalar(Math.SQRT2)])]);
    const onePlus = this.op('Add', [erf, this.scalar(1)]);
    return this.op('Mul', [this.op('Mul', [x, onePlus]), this.scalar(0.5)]);
  }

  /** LayerNormalization over the last axis. */
  layerNorm(x: string, scale: string, bias: string, epsilon: number): string {
    return this.op('LayerNormalization', [x, scale, bias], { axis: { kind: 'int', value: -1 }, epsilon: { kind: 'float', value: epsilon } });
  }

  /** Transpose with an explicit permutation. */
  transpose(x: string, perm: readonly number[]): string {
    return this.op('Transpose', [x], { perm: { kind: 'ints', value: perm } });
  }

  /** Serialises the graph as an ONNX ModelProto. */
  encode(graphName: string, inputs: readonly ValueInfoSpec[], outputs: readonly ValueInfoSpec[]): Uint8Array {
    return encodeModel({
      graphName,
      nodes: this.nodes,
      initializers: this.initializers,
      inputs,
      outputs,
      opsetVersion: OPSET_VERSION,
      producer: 'pipe-ssl',
    });
  }
}
