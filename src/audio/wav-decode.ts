// RIFF/WAVE decoding: PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, any channel count and rate.
// Reference: Microsoft "Multimedia Programming Interface and Data Specifications 1.0" (RIFF, WAVE fmt chunk) and
// the WAVE_FORMAT_EXTENSIBLE addendum (KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs).
// Every header field is checked against the file's size before anything is allocated, so memory is bounded
// by the bytes present, never by what a header claims.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../util/input-error.js';

/** Why a byte buffer is not decodable audio. */
export type WavErrorReason = 'empty' | 'not-wav' | 'truncated' | 'unsupported' | 'malformed' | 'non-finite' | 'not-a-file' | 'unreadable';

/** A decoding failure: `reason` for programs, `message` for people. */
export class WavError extends InputError {
  constructor(override readonly reason: WavErrorReason, message: string) {
    super(reason, message);
    this.name = 'WavError';
  }
}

/** Sample rates accepted (Hz): telephone-band recordings up to studio rates; anything else is a broken header. */
export const MIN_SAMPLE_RATE_HZ = 1000;
export const MAX_SAMPLE_RATE_HZ = 384_000;
/** Channels accepted (a broken header otherwise; 256 covers every real recording layout). */
export const MAX_CHANNELS = 256;

/** The stored sample encoding. */
export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

export interface DecodedWav {
  readonly sampleRateHz: number;
  readonly channels: number;
  readonly encoding: WavEncoding;
  /** Frames (samples per channel). */
  readonly frames: number;
  /** Channels mixed down to mono by their mean, floats in [-1, 1] (integer PCM divided by 2^(bits−1)). */
  readonly samples: Float32Array;
}

const FORMAT_PCM = 1;
const FORMAT_IEEE_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

interface FmtChunk {
  formatTag: number;
  channels: number;
  sampleRateHz: number;
  blockAlign: number;
  bitsPerSample: number;
}

/** Decodes a WAV file's bytes; throws WavError with a reason on anything it cannot decode faithfully. */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const { fmt, body, size, view } = locateData(bytes);
  return decodeData(view, body, size, fmt);
}

/** Finds the fmt and data chunks, validating the header against the bytes present. */
function locateData(bytes: Uint8Array): { fmt: FmtChunk; body: number; size: number; view: DataView } {
  if (bytes.length === 0) throw new WavError('empty', 'empty file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 12 && fourcc(view, 8) === 'WAVE' && ['RIFX', 'RF64', 'BW64'].includes(fourcc(view, 0))) {
    throw new WavError('unsupported', `unsupported container: ${fourcc(view, 0)} (only little-endian RIFF/WAVE)`);
  }
  if (bytes.length < 12 || fourcc(view, 0) !== 'RIFF' || fourcc(view, 8) !== 'WAVE') {
    throw new WavError('not-wav', 'not a RIFF/WAVE file');
  }
  let fmt: FmtChunk | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = fourcc(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + size > bytes.length) throw new WavError('truncated', `truncated fmt chunk: declares ${size} bytes, ${bytes.length - body} present`);
      fmt = parseFmt(view, body, size);
    } else if (id === 'data') {
      if (fmt === undefined) throw new WavError('malformed', 'data chunk before fmt chunk');
      if (body + size > bytes.length) {
        throw new WavError('truncated', `truncated: data chunk declares ${size} bytes, ${bytes.length - body} present`);
      }
      return { fmt, body, size, view };
    } else if (body + size > bytes.length) {
      throw new WavError('truncated', `truncated: '${id}' chunk declares ${size} bytes, ${bytes.length - body} present`);
    }
    offset = body + size + (size % 2); // chunks are word-aligned
  }
  throw new WavError(fmt === undefined ? 'malformed' : 'truncated', fmt === undefined ? 'no fmt chunk' : 'no data chunk');
}

/**
 * Reads a file's bytes for decoding: only a regular file (not a device, FIFO or folder), read up to the size it
 * had when opened. Throws WavError (`not-a-file`, `unreadable`) without the path.
 */
export function readWavBytes(path: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new WavError(code === 'ELOOP' ? 'not-a-file' : 'unreadable', code === 'ELOOP' ? 'symbolic link loop' : `cannot read file (${code})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new WavError('not-a-file', `not a regular file (${st.isDirectory() ? 'a folder' : 'a device, FIFO or socket'})`);
    const bytes = new Uint8Array(st.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (error) {
    if (error instanceof WavError) throw error;
    throw new WavError('unreadable', `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  } finally {
    closeSync(fd);
  }
}

/** Reads and decodes a WAV file; errors name the file: `path: reason`. */
export function decodeWavFile(path: string): DecodedWav {
  try {
    return decodeWav(readWavBytes(path));
  } catch (error) {
    if (error instanceof WavError) throw new WavError(error.reason, `${path}: ${error.message}`);
    throw error;
  }
}

/** The header of a WAV file (no samples decoded): what a server needs to price a request before decoding. */
export interface WavHeader {
  readonly sampleRateHz: number;
  readonly channels: number;
  readonly encoding: WavEncoding;
  readonly frames: number;
  readonly durationSeconds: number;
}

/** Parses and validates the header of `bytes` like decodeWav, without decoding samples. Throws WavError. */
export function readWavHeader(bytes: Uint8Array): WavHeader {
  const { fmt, size } = locateData(bytes);
  const encoding = encodingOf(fmt);
  const frames = Math.floor(size / blockAlignOf(fmt));
  return { sampleRateHz: fmt.sampleRateHz, channels: fmt.channels, encoding, frames, durationSeconds: frames / fmt.sampleRateHz };
}

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

function parseFmt(view: DataView, body: number, size: number): FmtChunk {
  if (size < 16) throw new WavError('malformed', `fmt chunk too short (${size} bytes)`);
  let formatTag = view.getUint16(body, true);
  const channels = view.getUint16(body + 2, true);
  const sampleRateHz = view.getUint32(body + 4, true);
  const blockAlign = view.getUint16(body + 12, true);
  const bitsPerSample = view.getUint16(body + 14, true);
  if (formatTag === FORMAT_EXTENSIBLE) {
    if (size < 40 || body + 40 > view.byteLength) throw new WavError('malformed', 'WAVE_FORMAT_EXTENSIBLE fmt chunk too short');
    formatTag = view.getUint16(body + 24, true); // first two bytes of the SubFormat GUID
  }
  if (channels === 0) throw new WavError('malformed', 'fmt chunk declares 0 channels');
  if (channels > MAX_CHANNELS) throw new WavError('unsupported', `fmt chunk declares ${channels} channels (at most ${MAX_CHANNELS})`);
  if (sampleRateHz < MIN_SAMPLE_RATE_HZ || sampleRateHz > MAX_SAMPLE_RATE_HZ) {
    throw new WavError('unsupported', `sample rate ${sampleRateHz} Hz is outside ${MIN_SAMPLE_RATE_HZ / 1000} kHz–${MAX_SAMPLE_RATE_HZ / 1000} kHz`);
  }
  return { formatTag, channels, sampleRateHz, blockAlign, bitsPerSample };
}

function encodingOf(fmt: FmtChunk): WavEncoding {
  const { formatTag, bitsPerSample } = fmt;
  if (formatTag === FORMAT_PCM) {
    if (bitsPerSample === 8) return 'pcm8';
    if (bitsPerSample === 16) return 'pcm16';
    if (bitsPerSample === 24) return 'pcm24';
    if (bitsPerSample === 32) return 'pcm32';
  } else if (formatTag === FORMAT_IEEE_FLOAT) {
    if (bitsPerSample === 32) return 'float32';
    if (bitsPerSample === 64) return 'float64';
  }
  const kind = formatTag === FORMAT_PCM ? 'PCM' : formatTag === FORMAT_IEEE_FLOAT ? 'float' : `format tag 0x${formatTag.toString(16)}`;
  throw new WavError('unsupported', `unsupported encoding: ${kind} with ${bitsPerSample} bits per sample`);
}

function decodeData(view: DataView, body: number, size: number, fmt: FmtChunk): DecodedWav {
  const encoding = encodingOf(fmt);
  const bytesPerSample = fmt.bitsPerSample / 8;
  const blockAlign = blockAlignOf(fmt);
  const frames = Math.floor(size / blockAlign);
  const read = sampleReader(view, encoding);
  const samples = new Float32Array(frames);
  const scale = 1 / fmt.channels;
  for (let frame = 0; frame < frames; frame++) {
    const start = body + frame * blockAlign;
    let sum = 0;
    for (let channel = 0; channel < fmt.channels; channel++) sum += read(start + channel * bytesPerSample);
    if (!Number.isFinite(sum)) throw nonFinite(view, start, frame, fmt.channels, bytesPerSample, read);
    samples[frame] = sum * scale;
  }
  return { sampleRateHz: fmt.sampleRateHz, channels: fmt.channels, encoding, frames, samples };
}

/** The bytes of one frame: the declared block align, which must hold every channel's sample. */
function blockAlignOf(fmt: FmtChunk): number {
  const bytesPerSample = fmt.bitsPerSample / 8;
  const blockAlign = fmt.blockAlign === 0 ? bytesPerSample * fmt.channels : fmt.blockAlign;
  if (blockAlign < bytesPerSample * fmt.channels) {
    throw new WavError('malformed', `block align ${blockAlign} is smaller than ${fmt.channels} × ${bytesPerSample} bytes`);
  }
  return blockAlign;
}

function nonFinite(view: DataView, start: number, frame: number, channels: number, bytesPerSample: number, read: (o: number) => number): WavError {
  for (let channel = 0; channel < channels; channel++) {
    const v = read(start + channel * bytesPerSample);
    if (!Number.isFinite(v)) return new WavError('non-finite', `sample ${frame} of channel ${channel + 1} is ${v} (float WAVs must hold finite values)`);
  }
  return new WavError('non-finite', `frame ${frame} mixes to a non-finite value`);
}

function sampleReader(view: DataView, encoding: WavEncoding): (offset: number) => number {
  switch (encoding) {
    case 'pcm8':
      return (o) => (view.getUint8(o) - 128) / 128;
    case 'pcm16':
      return (o) => view.getInt16(o, true) / 32768;
    case 'pcm24':
      return (o) => ((view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getInt8(o + 2) << 16)) / 8388608);
    case 'pcm32':
      return (o) => view.getInt32(o, true) / 2147483648;
    case 'float32':
      return (o) => view.getFloat32(o, true);
    case 'float64':
      return (o) => view.getFloat64(o, true);
  }
}
