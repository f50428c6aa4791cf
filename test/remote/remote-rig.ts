// Helpers for the remote scenarios: a producer project with a file output, a directory output and a persist
// output; a fresh "clone" holding only what git would (pipeline.yaml, pipeline.lock, .pipe/config.yaml); and
// byte-for-byte comparison of outputs.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { Rig, waitFor } from '../engine/rig.js';

export const OUTPUTS = ['out/model.txt', 'out/set', 'out/log.txt'];

/** A project whose repro writes `files` small files into out/set, plus out/model.txt and a persist out/log.txt. */
export function producer(files = 40): Rig {
  const rig = new Rig();
  rig.write('data/in.txt', 'one\n');
  rig.write('pipeline.yaml', `stages:
  train:
    cmd: ${rig.fake('train', 'out/model.txt', 'data/in.txt')}
    deps: [data/in.txt]
    outs: [out/model.txt]
  set:
    cmd: mkdir -p out/set/sub && i=0; while [ $i -lt ${files} ]; do echo "file $i" > out/set/f$i.txt; i=$((i+1)); done; head -c 70000 /dev/urandom > out/set/sub/big.bin
    deps: [data/in.txt]
    outs: [out/set]
  log:
    cmd: echo logged >> out/log.txt
    deps: [data/in.txt]
    outs:
      - out/log.txt:
          persist: true
`);
  return rig;
}

/** A fresh clone of `source`: the files git tracks, no cache, no outputs. */
export function cloneOf(source: Rig): Rig {
  const clone = new Rig();
  for (const rel of ['pipeline.yaml', 'pipeline.lock', 'data/in.txt', '.pipe/config.yaml']) {
    const from = path.join(source.dir, rel);
    try {
      statSync(from);
    } catch {
      continue;
    }
    mkdirSync(path.dirname(path.join(clone.dir, rel)), { recursive: true });
    copyFileSync(from, path.join(clone.dir, rel));
  }
  return clone;
}

/** Every file under `rel` in `rig` (a file: itself), relative path → bytes. */
export function snapshot(rig: Rig, rel: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (r: string): void => {
    const abs = path.join(rig.dir, r);
    if (statSync(abs).isDirectory()) for (const n of readdirSync(abs)) walk(`${r}/${n}`);
    else out.set(r, readFileSync(abs));
  };
  walk(rel);
  return out;
}

/** Asserts the clone's outputs equal the producer's, byte for byte. */
export function expectSameOutputs(a: Rig, b: Rig, outputs = OUTPUTS): void {
  for (const rel of outputs) {
    const left = snapshot(a, rel);
    const right = snapshot(b, rel);
    expect([...right.keys()].sort()).toEqual([...left.keys()].sort());
    for (const [k, v] of left) expect(right.get(k)?.equals(v), k).toBe(true);
  }
}

/**
 * Files under a folder remote (or a server's storage), temporary names included. Types come from the listing
 * itself, so a file renamed or removed by a transfer still running (a push being killed) is never stat'ed.
 */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // gone meanwhile
    }
    for (const e of entries) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out.push(abs);
    }
  };
  walk(dir);
  return out;
}

/**
 * Starts `pipe args… --progress` in `rig` and SIGKILLs it once its progress line reports at least `afterObjects`
 * objects done; returns the count it had reported. Fails if the command ends on its own first.
 */
export async function killMidway(rig: Rig, args: readonly string[], afterObjects: number): Promise<number> {
  const child = rig.spawn([...args, '--progress']);
  let stderr = '';
  let done = 0;
  let ended = false;
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    const counts = [...stderr.matchAll(/(\d+)\/\d+ objects/g)];
    done = Number(counts.at(-1)?.[1] ?? 0);
  });
  child.stdout?.resume();
  const closed = new Promise((r) => child.on('close', () => ((ended = true), r(undefined))));
  await waitFor(() => done >= afterObjects || ended, `${afterObjects} objects through 'pipe ${args.join(' ')}'`);
  expect(ended, `'pipe ${args.join(' ')}' finished before it could be killed:\n${stderr}`).toBe(false);
  child.kill('SIGKILL');
  await closed;
  return done;
}

/** Asserts every object file in `rig`'s cache (temporary names aside) is byte-identical to the producer's. */
export function expectCacheConsistent(producerRig: Rig, rig: Rig): number {
  const base = path.join(rig.dir, 'cache');
  const files = listFiles(path.join(base, 'objects')).filter((f) => !f.endsWith('.tmp'));
  for (const f of files) {
    const rel = path.relative(base, f);
    expect(readFileSync(f).equals(readFileSync(path.join(producerRig.dir, 'cache', rel))), rel).toBe(true);
  }
  return files.length;
}

/** Runs `pipe push` again in the producer after a killed push and checks that it only completed the rest: at least
 * `alreadyAtLeast` objects found on the remote, and uploaded + already = every object of the big producer. */
export async function expectPushResumed(big: Rig, alreadyAtLeast: number): Promise<void> {
  const resumed = await big.pipe(['push']);
  expect(resumed.code, resumed.stderr).toBe(0);
  const uploaded = Number(/(\d+) object\(s\) uploaded/.exec(resumed.stdout)?.[1]);
  const already = Number(/(\d+) already on remote/.exec(resumed.stdout)?.[1]);
  expect(already).toBeGreaterThanOrEqual(alreadyAtLeast);
  expect(uploaded + already).toBe(1500 + 1 + 1 + 1 + 1); // set files + big.bin + listing + model + log
}
