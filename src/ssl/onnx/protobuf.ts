// A minimal protocol-buffers encoder (https://protobuf.dev/programming-guides/encoding/): varints, zig-zag-free
// int64 (two's complement, 10 bytes when negative), 32-bit floats and length-delimited fields.
// Messages are kept as lists of byte chunks so that large payloads (model weights) are never copied until the
// single final concatenation.

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** An encoded message under construction: append fields, then embed it or `finish()` it. */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: number[] = [];
  private length = 0;

  /** Total encoded length in bytes. */
  get byteLength(): number {
    return this.length + this.pending.length;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Uint8Array.from(this.pending));
    this.length += this.pending.length;
    this.pending = [];
  }

  private varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.pending.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.pending.push(Number(v));
  }

  private smallVarint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      this.varint(BigInt(value));
      return;
    }
    let v = value;
    while (v >= 0x80) {
      this.pending.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.pending.push(v);
  }

  private tag(field: number, wireType: number): void {
    this.smallVarint(field * 8 + wireType);
  }

  /** Writes an int32/int64/enum/bool field as a varint (negative values as 64-bit two's complement). */
  int(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    if (typeof value === 'bigint') this.varint(value);
    else if (!Number.isInteger(value)) throw new TypeError(`protobuf field ${field}: ${value} is not an integer`);
    else this.smallVarint(value);
    return this;
  }

  /** Writes a 32-bit float field (wire type 5). */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.pending.push(...bytes);
    return this;
  }

  /** Writes a length-delimited bytes field; the bytes are referenced, not copied. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.smallVarint(value.byteLength);
    this.flush();
    this.chunks.push(value);
    this.length += value.byteLength;
    return this;
  }

  /** Writes a UTF-8 string field. */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** Embeds another message as a length-delimited field. */
  message(field: number, inner: ProtoWriter): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.smallVarint(inner.byteLength);
    this.flush();
    inner.flush();
    for (const chunk of inner.chunks) this.chunks.push(chunk);
    this.length += inner.length;
    return this;
  }

  /** Concatenates the chunks into the encoded message. */
  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return out;
  }
}
