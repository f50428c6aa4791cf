// A minimal WebAssembly binary writer (WebAssembly Core Specification 2.0, "Binary Format", plus the fixed-width
// SIMD proposal's 0xFD opcodes): the kernels are generated as bytecode from TypeScript when the library loads, so
// nothing is compiled outside the repository and no toolchain is needed.

/** Value types. */
export const T = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type ValType = (typeof T)[keyof typeof T];

function uleb(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function sleb(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** Instruction writer for one function body; locals are declared up front by type. */
export class Body {
  readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(readonly params: readonly ValType[], readonly results: readonly ValType[] = []) {}

  /** Declares a local and returns its index. */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(i: number): this { this.code.push(0x20); uleb(i, this.code); return this; }
  set(i: number): this { this.code.push(0x21); uleb(i, this.code); return this; }
  tee(i: number): this { this.code.push(0x22); uleb(i, this.code); return this; }
  i32(v: number): this { this.code.push(0x41); sleb(v, this.code); return this; }
  call(f: number): this { this.code.push(0x10); uleb(f, this.code); return this; }
  block(): this { return this.op(0x02, 0x40); }
  loop(): this { return this.op(0x03, 0x40); }
  if(): this { return this.op(0x04, 0x40); }
  else(): this { return this.op(0x05); }
  end(): this { return this.op(0x0b); }
  br(depth: number): this { return this.op(0x0c, depth); }
  brIf(depth: number): this { return this.op(0x0d, depth); }
  add(): this { return this.op(0x6a); }
  sub(): this { return this.op(0x6b); }
  mul(): this { return this.op(0x6c); }
  shl(): this { return this.op(0x74); }
  eqz(): this { return this.op(0x45); }
  ltS(): this { return this.op(0x48); }
  geS(): this { return this.op(0x4e); }
  gtS(): this { return this.op(0x4a); }
  leS(): this { return this.op(0x4c); }
  select(): this { return this.op(0x1b); }
  f32Load(offset = 0): this { this.code.push(0x2a, 2); uleb(offset, this.code); return this; }
  f32Store(offset = 0): this { this.code.push(0x38, 2); uleb(offset, this.code); return this; }
  f32Const0(): this { return this.op(0x43, 0, 0, 0, 0); }
  f32Add(): this { return this.op(0x92); }
  f32Mul(): this { return this.op(0x94); }
  private simd(opcode: number, ...imm: number[]): this {
    this.code.push(0xfd);
    uleb(opcode, this.code);
    this.code.push(...imm);
    return this;
  }
  v128Load(offset = 0): this { this.simd(0x00, 4); uleb(offset, this.code); return this; }
  v128Store(offset = 0): this { this.simd(0x0b, 4); uleb(offset, this.code); return this; }
  loadSplat(offset = 0): this { this.simd(0x09, 2); uleb(offset, this.code); return this; }
  v128Zero(): this { return this.simd(0x0c, ...new Array<number>(16).fill(0)); }
  f32x4Add(): this { return this.simd(0xe4); }
  f32x4Sub(): this { return this.simd(0xe5); }
  f32x4Mul(): this { return this.simd(0xe6); }
  f32x4Max(): this { return this.simd(0xe9); }
  f32x4Gt(): this { return this.simd(0x44); }
  f32x4Splat(): this { return this.simd(0x13); }
  i32x4Splat(): this { return this.simd(0x11); }
  i32x4Eq(): this { return this.simd(0x37); }
  v128And(): this { return this.simd(0x4e); }
  bitselect(): this { return this.simd(0x52); }
  ltU(): this { return this.op(0x49); }
  divS(): this { return this.op(0x6d); }
  remS(): this { return this.op(0x6f); }
  shrS(): this { return this.op(0x75); }
  and(): this { return this.op(0x71); }
  f64Load(offset = 0): this { this.code.push(0x2b, 3); uleb(offset, this.code); return this; }
  f64Store(offset = 0): this { this.code.push(0x39, 3); uleb(offset, this.code); return this; }
  f64Add(): this { return this.op(0xa0); }
  f64PromoteF32(): this { return this.op(0xbb); }
  f32Sub(): this { return this.op(0x93); }
  f64Sub(): this { return this.op(0xa1); }
  f64Mul(): this { return this.op(0xa2); }
  f64Div(): this { return this.op(0xa3); }
  f64Eq(): this { return this.op(0x61); }
  f64Lt(): this { return this.op(0x63); }
  f64Gt(): this { return this.op(0x64); }
  f64Le(): this { return this.op(0x65); }
  f64Const(v: number): this {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, v, true);
    this.code.push(0x44, ...bytes);
    return this;
  }
  i32Load(offset = 0): this { this.code.push(0x28, 2); uleb(offset, this.code); return this; }
  i32Load16U(offset = 0): this { this.code.push(0x2f, 1); uleb(offset, this.code); return this; }
  i32Store(offset = 0): this { this.code.push(0x36, 2); uleb(offset, this.code); return this; }
  or(): this { return this.op(0x72); }
  eq(): this { return this.op(0x46); }
  return(): this { return this.op(0x0f); }
  geU(): this { return this.op(0x4f); }
  ne(): this { return this.op(0x47); }
  f64x2Splat(): this { return this.simd(0x14); }
  f64Max(): this { return this.op(0xa5); }
  f64x2Pmin(): this { return this.simd(0xf6); }
  f64x2Pmax(): this { return this.simd(0xf7); }
  f64x2ExtractLane(lane: number): this { return this.simd(0x21, lane); }
  f64x2Add(): this { return this.simd(0xf0); }
  f64x2Sub(): this { return this.simd(0xf1); }
  f64x2Mul(): this { return this.simd(0xf2); }
  f64x2Ne(): this { return this.simd(0x48); }
  f64x2Lt(): this { return this.simd(0x49); }
  v128Or(): this { return this.simd(0x50); }
  i64x2Bitmask(): this { return this.simd(0xc4); }
  /** i8x16.shuffle: lanes of (a, b) by byte index 0–31. */
  shuffle(bytes: readonly number[]): this { return this.simd(0x0d, ...bytes); }

  /** Encoded body: local declarations (run-length by type) then the code and `end`. */
  encode(): number[] {
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === t) last[0] += 1;
      else groups.push([1, t]);
    }
    const out: number[] = [];
    uleb(groups.length, out);
    for (const [count, type] of groups) {
      uleb(count, out);
      out.push(type);
    }
    out.push(...this.code, 0x0b);
    const sized: number[] = [];
    uleb(out.length, sized);
    return sized.concat(out);
  }
}

function section(id: number, payload: number[], out: number[]): void {
  out.push(id);
  uleb(payload.length, out);
  out.push(...payload);
}

function name(text: string, out: number[]): void {
  const bytes = new TextEncoder().encode(text);
  uleb(bytes.length, out);
  out.push(...bytes);
}

/** A module importing `env.memory` (shared or not, up to `maxPages`) and exporting the named functions. */
export function encodeModule(functions: readonly { name?: string; body: Body }[], shared: boolean, maxPages: number): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(functions.length, types);
  for (const { body } of functions) {
    types.push(0x60);
    uleb(body.params.length, types);
    types.push(...body.params);
    uleb(body.results.length, types);
    types.push(...body.results);
  }
  section(1, types, out);
  const imports: number[] = [1];
  name('env', imports);
  name('memory', imports);
  imports.push(0x02, shared ? 0x03 : 0x01);
  uleb(1, imports);
  uleb(maxPages, imports);
  section(2, imports, out);
  const funcs: number[] = [];
  uleb(functions.length, funcs);
  functions.forEach((_, i) => uleb(i, funcs));
  section(3, funcs, out);
  const exported = functions.map((f, i) => [f.name, i] as const).filter((e): e is readonly [string, number] => e[0] !== undefined);
  const exports: number[] = [];
  uleb(exported.length, exports);
  for (const [n, i] of exported) {
    name(n, exports);
    exports.push(0x00);
    uleb(i, exports);
  }
  section(7, exports, out);
  const code: number[] = [];
  uleb(functions.length, code);
  for (const { body } of functions) code.push(...body.encode());
  section(10, code, out);
  return Uint8Array.from(out);
}

/** `while (cond) body`, cond leaving an i32 on the stack. */
export function whileLoop(b: Body, cond: () => void, body: () => void): void {
  b.block().loop();
  cond();
  b.eqz().brIf(1);
  body();
  b.br(0).end().end();
}
