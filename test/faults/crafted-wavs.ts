// Crafted WAV files, one per header field a hostile or broken file can lie about, each with the one-line
// error it must produce. Built byte by byte here (a real encoder would refuse to write them).

export interface WavFields {
  formatTag?: number;
  channels?: number;
  sampleRateHz?: number;
  blockAlign?: number;
  bitsPerSample?: number;
  /** Overrides the data chunk's declared size (bytes). */
  dataSize?: number;
  /** Overrides the fmt chunk's declared size (bytes). */
  fmtSize?: number;
  /** Raw sample bytes. */
  data?: Uint8Array;
}

/** A canonical 44-byte-header WAV with `fields` overridden (defaults: 16 kHz mono 16-bit, 0.5 s of a tone). */
export function craftWav(fields: WavFields = {}): Uint8Array {
  const channels = fields.channels ?? 1;
  const bits = fields.bitsPerSample ?? 16;
  const data = fields.data ?? tone16(8000);
  const header = new DataView(new ArrayBuffer(44));
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => header.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  header.setUint32(4, 36 + data.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  header.setUint32(16, fields.fmtSize ?? 16, true);
  header.setUint16(20, fields.formatTag ?? 1, true);
  header.setUint16(22, channels, true);
  const rate = fields.sampleRateHz ?? 16000;
  header.setUint32(24, rate, true);
  const blockAlign = fields.blockAlign ?? (channels * bits) / 8;
  header.setUint32(28, Math.min(0xffffffff, rate * blockAlign), true);
  header.setUint16(32, blockAlign, true);
  header.setUint16(34, bits, true);
  ascii(36, 'data');
  header.setUint32(40, fields.dataSize ?? data.length, true);
  const out = new Uint8Array(44 + data.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(data, 44);
  return out;
}

/** `frames` 16-bit samples of a 440 Hz tone at 16 kHz. */
export function tone16(frames: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(frames * 2));
  for (let i = 0; i < frames; i++) view.setInt16(i * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16000)), true);
  return new Uint8Array(view.buffer);
}

/** 32-bit float samples, with `bad` written at sample 100. */
function floats(bad: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(8000 * 4));
  for (let i = 0; i < 8000; i++) view.setFloat32(i * 4, i === 100 ? bad : 0.25 * Math.sin(i / 5), true);
  return new Uint8Array(view.buffer);
}

/** Each crafted case: file name, bytes, and the message its error line must contain. */
export const CRAFTED: readonly { readonly name: string; readonly bytes: Uint8Array; readonly message: string }[] = [
  { name: 'rate-4ghz.wav', bytes: craftWav({ sampleRateHz: 4_000_000_000 }), message: 'sample rate 4000000000 Hz is outside 1 kHz–384 kHz' },
  { name: 'rate-500hz.wav', bytes: craftWav({ sampleRateHz: 500 }), message: 'sample rate 500 Hz is outside 1 kHz–384 kHz' },
  { name: 'rate-zero.wav', bytes: craftWav({ sampleRateHz: 0 }), message: 'sample rate 0 Hz is outside' },
  { name: 'channels-zero.wav', bytes: craftWav({ channels: 0, blockAlign: 2 }), message: 'fmt chunk declares 0 channels' },
  { name: 'channels-65535.wav', bytes: craftWav({ channels: 65535, blockAlign: 2 }), message: 'fmt chunk declares 65535 channels (at most 256)' },
  { name: 'bits-7.wav', bytes: craftWav({ bitsPerSample: 7, blockAlign: 1 }), message: 'unsupported encoding: PCM with 7 bits per sample' },
  { name: 'bits-65535.wav', bytes: craftWav({ bitsPerSample: 65535, blockAlign: 2 }), message: 'unsupported encoding: PCM with 65535 bits per sample' },
  { name: 'block-align-small.wav', bytes: craftWav({ channels: 2, blockAlign: 2 }), message: 'block align 2 is smaller than 2 × 2 bytes' },
  { name: 'data-size-huge.wav', bytes: craftWav({ dataSize: 0xfffffff0 }), message: 'truncated: data chunk declares 4294967280 bytes, 16000 present' },
  { name: 'fmt-size-huge.wav', bytes: craftWav({ fmtSize: 0x7ffffff0 }), message: 'truncated fmt chunk: declares 2147483632 bytes' },
  { name: 'float-nan.wav', bytes: craftWav({ formatTag: 3, bitsPerSample: 32, data: floats(Number.NaN) }), message: 'sample 100 of channel 1 is NaN' },
  { name: 'float-inf.wav', bytes: craftWav({ formatTag: 3, bitsPerSample: 32, data: floats(Number.POSITIVE_INFINITY) }), message: 'sample 100 of channel 1 is Infinity' },
];
