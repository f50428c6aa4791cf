import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

/** A stand-in for process.stderr that records what is written. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('createProgress', () => {
  it('draws a bar on a terminal and clears it at the end', () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress({ stream, delayMs: 0 });
    progress.update(5, 10);
    progress.finish();
    expect(written[0]).toMatch(/^\r\[#{15} {15}\] 5\/10 files \d+\.\d s$/);
    expect(written[1]).toBe('\r\x1b[2K');
  });

  it('stays silent on short runs, on a terminal (before the delay) and in a log (before 10 s)', () => {
    for (const tty of [true, false]) {
      const { stream, written } = fakeStream(tty);
      const progress = createProgress({ stream, delayMs: tty ? 60_000 : 0 });
      progress.update(1, 2);
      progress.update(2, 2);
      progress.finish();
      expect(written).toEqual([]);
    }
  });
});
