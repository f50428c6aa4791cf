// Reads a time range of a WAV file without reading the rest: the header is walked chunk by chunk, the range's
// bytes are read at their offset, and the slice is returned as a mono 16-bit WAV for the browser.
import { closeSync, openSync, readSync } from 'node:fs';
import { decodeWav } from '../audio/wav-decode.js';
import { encodeWav } from '../audio/wav-encode.js';

/** Where a WAV file's samples are and how they are stored. */
export interface WavLayout {
  readonly sampleRateHz: number;
  readonly channels: number;
  /** Bytes per frame (all channels). */
  readonly blockAlign: number;
  /** Bytes of the file before the data chunk's samples (the fmt chunk is inside it). */
  readonly headerBytes: Uint8Array;
  readonly dataOffset: number;
  readonly dataBytes: number;
  readonly durationS: number;
}

/** Reads the layout of a WAV file from its header; throws Error naming what is wrong. */
export function readWavLayout(path: string): WavLayout {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(12);
    if (readSync(fd, head, 0, 12, 0) < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
      throw new Error('not a RIFF/WAVE file');
    }
    let offset = 12;
    let fmt: { channels: number; sampleRateHz: number; blockAlign: number } | undefined;
    const chunk = Buffer.alloc(8);
    for (let guard = 0; guard < 1000; guard++) {
      if (readSync(fd, chunk, 0, 8, offset) < 8) break;
      const id = chunk.toString('latin1', 0, 4);
      const size = chunk.readUInt32LE(4);
      if (id === 'fmt ') {
        const body = Buffer.alloc(Math.min(size, 40));
        readSync(fd, body, 0, body.length, offset + 8);
        fmt = { channels: body.readUInt16LE(2), sampleRateHz: body.readUInt32LE(4), blockAlign: body.readUInt16LE(12) };
      } else if (id === 'data') {
        if (fmt === undefined || fmt.blockAlign === 0 || fmt.sampleRateHz === 0) throw new Error('data chunk before a valid fmt chunk');
        const headerBytes = Buffer.alloc(offset + 8);
        readSync(fd, headerBytes, 0, headerBytes.length, 0);
        const frames = Math.floor(size / fmt.blockAlign);
        return { ...fmt, headerBytes, dataOffset: offset + 8, dataBytes: frames * fmt.blockAlign, durationS: frames / fmt.sampleRateHz };
      }
      offset += 8 + size + (size % 2);
    }
    throw new Error('no data chunk');
  } finally {
    closeSync(fd);
  }
}

/** The mono samples of [startS, endS) clipped to the file (decoded with the project's WAV decoder). */
export function sliceSamples(path: string, layout: WavLayout, startS: number, endS: number): Float32Array {
  const totalFrames = layout.dataBytes / layout.blockAlign;
  const first = Math.max(0, Math.min(totalFrames, Math.floor(startS * layout.sampleRateHz)));
  const last = Math.max(first, Math.min(totalFrames, Math.ceil(endS * layout.sampleRateHz)));
  const bytes = (last - first) * layout.blockAlign;
  if (bytes === 0) return new Float32Array(1);
  const wav = new Uint8Array(layout.headerBytes.length + bytes);
  wav.set(layout.headerBytes, 0);
  const view = new DataView(wav.buffer);
  view.setUint32(4, wav.length - 8, true);
  view.setUint32(layout.headerBytes.length - 4, bytes, true); // the data chunk's size field
  const fd = openSync(path, 'r');
  try {
    readSync(fd, wav, layout.headerBytes.length, bytes, layout.dataOffset + first * layout.blockAlign);
  } finally {
    closeSync(fd);
  }
  return decodeWav(wav).samples;
}

/** The mono 16-bit WAV of [startS, endS) clipped to the file. */
export function sliceWav(samples: Float32Array, sampleRateHz: number): Uint8Array {
  return encodeWav(samples, { sampleRateHz });
}
