import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { LogEvent } from './log-event.js';
import { LogLockedError, LogStore, LOG_FILE, readLog } from './log-store.js';

const event = (id: string, item = 'r1'): LogEvent => ({
  v: 1, id, time: '2026-01-01T00:00:00.000Z', annotator: 'alice', role: 'annotator', item,
  original: { model: 'm', audio_file: 'a.wav', label: 'b', probability: 0.5, start: 0, end: 1 }, action: 'accept', regions: [{ start: 0, end: 1, label: 'b' }],
});

describe('LogStore', () => {
  test('an append resolves once the line is in the file; batches keep their order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const { store } = LogStore.open(dir);
    await Promise.all(['e1', 'e2', 'e3'].map((id) => store.append(event(id))));
    expect(readLog(join(dir, LOG_FILE)).events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    store.close();
  });

  test('a torn last line is tolerated by the reader and cut off when the log reopens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const path = join(dir, LOG_FILE);
    writeFileSync(path, `${JSON.stringify(event('e1'))}\n${JSON.stringify(event('e2')).slice(0, 40)}`);
    const read = readLog(path);
    expect(read.tornTail).toBe(true);
    expect(read.events.map((e) => e.id)).toEqual(['e1']);
    const { store, read: atOpen } = LogStore.open(dir);
    expect(atOpen.tornTail).toBe(true);
    await store.append(event('e3'));
    store.close();
    const after = readLog(path);
    expect(after).toMatchObject({ tornTail: false, badLines: [] });
    expect(after.events.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
  });

  test('a complete line that is not an event is skipped and reported, the rest read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    const path = join(dir, LOG_FILE);
    writeFileSync(path, `${JSON.stringify(event('e1'))}\n{"v":1}\n`);
    appendFileSync(path, `${JSON.stringify(event('e2'))}\n`);
    expect(readLog(path)).toMatchObject({ badLines: [2], tornTail: false });
    expect(readLog(path).events).toHaveLength(2);
  });

  test('a second process cannot open the same folder while the first is alive; a dead one is taken over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-'));
    writeFileSync(join(dir, 'annotate.lock'), '1\n'); // pid 1 is alive
    expect(() => LogStore.open(dir)).toThrow(LogLockedError);
    writeFileSync(join(dir, 'annotate.lock'), '2147483646\n'); // no such process
    const { store } = LogStore.open(dir);
    store.close();
  });
});
