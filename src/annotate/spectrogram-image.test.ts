import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { spectrogramJpeg } from './spectrogram-image.js';

describe('spectrogramJpeg', () => {
  test('a 1 kHz tone is brightest in the row of 1 kHz; low frequencies at the bottom; one column per frame', async () => {
    const rateHz = 16_000;
    const tone = Float32Array.from({ length: rateHz }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / rateHz));
    const jpeg = await spectrogramJpeg(tone, { nFft: 256, widthPx: 100 });
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect([info.height, info.channels]).toEqual([129, 3]);
    expect(info.width).toBe(1 + Math.floor(rateHz / Math.floor(rateHz / 100))); // centred frames every `hop` samples
    const x = Math.floor(info.width / 2);
    const brightness = (row: number): number => data[(row * info.width + x) * 3]! + data[(row * info.width + x) * 3 + 1]! + data[(row * info.width + x) * 3 + 2]!;
    let best = 0;
    for (let row = 1; row < info.height; row++) if (brightness(row) > brightness(best)) best = row;
    const bin = info.height - 1 - best; // rows count down from the top (Nyquist) to 0 Hz at the bottom
    expect(bin).toBe(Math.round((1000 / rateHz) * 256)); // 16
  });
});
