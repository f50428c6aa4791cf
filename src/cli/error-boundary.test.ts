// The CLI's error boundary: bad input of any library is one line; a TypeError/RangeError is a bug with a stack.
import { CommanderError } from 'commander';
import { expect, test } from 'vitest';
import { WavError } from '../audio/wav-decode.js';
import { NoSpaceError } from '../engine/store/atomic-write.js';
import { MlInputError } from '../ml/ml-input-error.js';
import { exitCodeFor } from './error-boundary.js';
import { UserError } from './user-error.js';

function run(error: unknown): { code: number; text: string } {
  let text = '';
  const code = exitCodeFor(error, (t) => (text += t));
  return { code, text };
}

test('library input errors and user errors are one line, exit 1 (or the user error’s code)', () => {
  expect(run(new WavError('truncated', 'a.wav: truncated'))).toEqual({ code: 1, text: 'pipe: a.wav: truncated\n' });
  expect(run(new MlInputError('bad-params', "params: 'eta' must be > 0, got 0"))).toEqual({ code: 1, text: "pipe: params: 'eta' must be > 0, got 0\n" });
  expect(run(new UserError('--x: bad', 2))).toEqual({ code: 2, text: 'pipe: --x: bad\n' });
});

test('a full disk is one line naming the file', () => {
  expect(run(new NoSpaceError('/p/pipeline.lock'))).toEqual({ code: 1, text: 'pipe: no space left on device while writing /p/pipeline.lock\n' });
  const raw = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/p/out.csv' });
  expect(run(raw).text).toBe('pipe: no space left on device while writing /p/out.csv\n');
});

test('a TypeError or RangeError is an internal error with its stack (a bug, not a user mistake)', () => {
  for (const error of [new TypeError('x is undefined'), new RangeError('index out of range')]) {
    const r = run(error);
    expect(r.code).toBe(70);
    expect(r.text).toMatch(/^pipe: internal error: (TypeError|RangeError): .*\n\s+at /s);
  }
});

test("commander's own errors (help shown, usage error printed) keep their exit code and print nothing more", () => {
  expect(run(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--bogus'"))).toEqual({ code: 1, text: '' });
  expect(run(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toEqual({ code: 0, text: '' });
  // an error that only looks partly like one is still a bug
  expect(run(Object.assign(new Error('x'), { code: 'commander.x' })).code).toBe(70);
});
