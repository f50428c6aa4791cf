import { describe, expect, test } from 'vitest';
import { AnnotationState } from './item-state.js';
import type { LogEvent, Region, Role } from './log-event.js';
import type { Suggestion } from './suggestion.js';

const suggestion = (id: string, probability: number | null, label = 'b'): Suggestion => ({ id, audioFile: 'a.wav', startS: 1, endS: 2, label, probability, probabilities: {}, modelId: 'm' });
let n = 0;
const ev = (annotator: string, action: LogEvent['action'], item: string, regions?: Region[], extra: Partial<LogEvent> = {}, role: Role = 'annotator'): LogEvent => ({
  v: 1, id: `e${++n}`, time: 't', annotator, role, item, original: null, action, regions, ...extra,
});

describe('AnnotationState', () => {
  test('orders the queue by probability ascending, suggestions without one last', () => {
    const s = new AnnotationState([suggestion('x', 0.9), suggestion('y', null), suggestion('z', 0.2)]);
    expect(s.order.map((i) => i.suggestion.id)).toEqual(['z', 'x', 'y']);
  });

  test('undo takes back the annotator’s newest action only', () => {
    const s = new AnnotationState([suggestion('x', 0.5)]);
    s.apply(ev('alice', 'accept', 'x', [{ start: 1, end: 2, label: 'b' }]));
    const relabel = ev('alice', 'relabel', 'x', [{ start: 1, end: 2, label: 'h' }]);
    s.apply(relabel);
    s.apply(ev('bob', 'skip', 'x', []));
    expect(s.lastUndoable('alice')?.id).toBe(relabel.id);
    s.apply(ev('alice', 'undo', 'x', undefined, { undoes: relabel.id }));
    const item = s.items.get('x')!;
    expect(item.versions.get('alice')).toMatchObject({ status: 'accepted', regions: [{ label: 'b' }] });
    expect(item.versions.get('bob')?.status).toBe('skipped');
  });

  test('disagreeing annotators are a conflict, both versions kept, until a reviewer resolves it', () => {
    const s = new AnnotationState([suggestion('x', 0.5)]);
    s.apply(ev('alice', 'accept', 'x', [{ start: 1, end: 2, label: 'b' }]));
    s.apply(ev('bob', 'relabel', 'x', [{ start: 1, end: 2, label: 'mb' }]));
    const item = s.items.get('x')!;
    expect(s.conflict(item)).toBe(true);
    expect(s.final(item)).toBeUndefined();
    expect([...item.versions.keys()]).toEqual(['alice', 'bob']);
    s.apply(ev('rita', 'resolve', 'x', [{ start: 1, end: 2, label: 'mb' }], { from: 'bob', status: 'corrected' }, 'reviewer'));
    expect(s.conflict(item)).toBe(false);
    expect(s.final(item)).toMatchObject({ annotator: 'rita', regions: [{ label: 'mb' }] });
    s.apply(ev('alice', 'delete', 'x', [])); // a later change reopens the question
    expect(s.conflict(item)).toBe(true);
  });

  test('agreeing annotators give the common decision; skips do not count', () => {
    const s = new AnnotationState([suggestion('x', 0.5)]);
    s.apply(ev('alice', 'adjust', 'x', [{ start: 1.05, end: 2, label: 'b' }]));
    s.apply(ev('bob', 'adjust', 'x', [{ start: 1.0504, end: 2, label: 'b' }]));
    s.apply(ev('carol', 'skip', 'x', []));
    const item = s.items.get('x')!;
    expect(s.conflict(item)).toBe(false);
    expect(s.final(item)).toMatchObject({ annotator: 'bob', status: 'corrected' });
  });

  test('add creates an item of its own', () => {
    const s = new AnnotationState([suggestion('x', 0.5)]);
    s.apply({ ...ev('alice', 'add', 'add:1', [{ start: 3, end: 3.5, label: 'h' }]), original: { model: 'added', audio_file: 'a.wav', label: '', probability: null, start: 0, end: 0 } });
    expect(s.items.get('add:1')).toMatchObject({ addedBy: 'alice', suggestion: { audioFile: 'a.wav', startS: 3, label: 'h' } });
    expect(s.final(s.items.get('add:1')!)?.status).toBe('added');
  });
});
