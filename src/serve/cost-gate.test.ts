// The cost gate's policy, with no clock involved: capacity bounds what runs, the cheapest waiting request goes
// next, equal costs keep their arrival order, and a full queue refuses.
import { expect, test } from 'vitest';
import { CostGate, GateOverloadedError } from './cost-gate.js';

/** A task that finishes when told to. */
function deferred(): { promise: Promise<void>; finish: () => void } {
  let finish = (): void => undefined;
  const promise = new Promise<void>((r) => (finish = r));
  return { promise, finish };
}

test('runs at most capacity tasks; the cheapest waiting one starts next, ties in arrival order', async () => {
  const gate = new CostGate(() => 1, 10);
  const started: string[] = [];
  const first = deferred();
  const done = [gate.run(100, async () => (started.push('big-a'), first.promise))];
  for (const [name, cost] of [['big-b', 100], ['big-c', 100], ['small', 1], ['mid', 50]] as const) {
    done.push(gate.run(cost, async () => void started.push(name)));
  }
  expect(started).toEqual(['big-a']);
  expect(gate.running).toBe(1);
  first.finish();
  await Promise.all(done);
  expect(started).toEqual(['big-a', 'small', 'mid', 'big-b', 'big-c']);
});

test('refuses when the queue is full, and a failing task frees its slot', async () => {
  const gate = new CostGate(() => 1, 1);
  const hold = deferred();
  const running = gate.run(1, () => hold.promise);
  const waiting = gate.run(1, async () => 'ran');
  await expect(gate.run(1, async () => 'never')).rejects.toBeInstanceOf(GateOverloadedError);
  hold.finish();
  await running;
  expect(await waiting).toBe('ran');
  await expect(gate.run(1, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await gate.run(1, async () => 'after')).toBe('after');
});
