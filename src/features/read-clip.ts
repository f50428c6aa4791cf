// Reading one audio file into a clip for a feature extractor, or the reason it cannot be read.
import { readFileSync } from 'node:fs';
import { decodeWav, WavError } from '../audio/wav-decode.js';
import type { MonoAudio } from './types.js';

export type ClipResult = { readonly ok: true; readonly clip: MonoAudio } | { readonly ok: false; readonly reason: string };

/** Reads and decodes a WAV file; an unreadable or undecodable file gives `{ok: false, reason}` (no path in it). */
export function readClip(path: string): ClipResult {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { ok: false, reason: `cannot read file (${code})` };
  }
  try {
    const wav = decodeWav(bytes);
    return { ok: true, clip: { samples: wav.samples, sampleRateHz: wav.sampleRateHz } };
  } catch (error) {
    if (error instanceof WavError) return { ok: false, reason: error.message };
    throw error;
  }
}
