import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protobuf.js';

// Expected bytes follow the worked examples of https://protobuf.dev/programming-guides/encoding/.
describe('ProtoWriter', () => {
  it('encodes varints as in the protobuf encoding guide', () => {
    expect([...new ProtoWriter().int(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
    expect([...new ProtoWriter().int(2, 1).finish()]).toEqual([0x10, 0x01]);
  });

  it('encodes negative int64 as ten bytes of two\'s complement', () => {
    expect([...new ProtoWriter().int(1, -1).finish()]).toEqual([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect([...new ProtoWriter().int(1, -2n).finish()]).toEqual([0x08, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  });

  it('encodes strings, floats and nested messages with length prefixes', () => {
    expect([...new ProtoWriter().string(2, 'testing').finish()]).toEqual([0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67]);
    expect([...new ProtoWriter().float(2, 1).finish()]).toEqual([0x15, 0x00, 0x00, 0x80, 0x3f]);
    const inner = new ProtoWriter().int(1, 150);
    const outer = new ProtoWriter().message(3, inner);
    expect(outer.byteLength).toBe(5);
    expect([...outer.finish()]).toEqual([0x1a, 0x03, 0x08, 0x96, 0x01]);
  });

  it('encodes large lengths and field numbers as multi-byte varints', () => {
    const payload = new Uint8Array(300);
    const bytes = new ProtoWriter().bytes(20, payload).finish();
    expect([...bytes.subarray(0, 4)]).toEqual([0xa2, 0x01, 0xac, 0x02]);
    expect(bytes.length).toBe(304);
  });

  it('rejects non-integer varints', () => {
    expect(() => new ProtoWriter().int(1, 1.5)).toThrow(TypeError);
  });
});
