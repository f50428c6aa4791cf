// Stage process groups outlive nothing: each running group is recorded under .pipe/running/<pgid>.json and a
// watchdog process kills the group as soon as the engine that started it is gone (even after SIGKILL: it
// reads a pipe whose only writer is the engine, so end-of-file means the engine died). A later run ends any
// group still recorded before it touches outputs.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { groupAlive, processStartTime } from '../run/process-identity.js';
import { removeFile } from '../store/atomic-write.js';
import { childProcess } from './child-process.js';

/** What a later run needs to recognise a leftover group. */
export interface GroupRecord {
  readonly pgid: number;
  readonly stage: string;
  /** Start time of the group leader (see process-identity.ts), to tell a reused pid apart. */
  readonly leaderStart: string | undefined;
}

// `read` returns 0 when the engine writes a line (stage finished normally) and 1 on end-of-file (engine gone)
const WATCHDOG = `read _ && exit 0
kill -TERM -$1 2>/dev/null || exit 0
i=0; while kill -0 -$1 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done
kill -KILL -$1 2>/dev/null; exit 0`;

/** Starts the watchdog of group `pgid`; call the returned function once the group's leader has exited. */
export function watchGroup(pgid: number): () => void {
  const dog = childProcess().spawn('/bin/sh', ['-c', WATCHDOG, 'pipe-stage-watchdog', String(pgid)], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  dog.on('error', () => undefined); // no watchdog (out of processes): the next run's leftover check still applies
  dog.stdin?.on('error', () => undefined);
  dog.unref();
  return () => {
    dog.stdin?.end('done\n');
  };
}

/** Records a running group in `dir` (written atomically). */
export function recordGroup(dir: string, pgid: number, stage: string): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${pgid}.json`);
  const record: GroupRecord = { pgid, stage, leaderStart: processStartTime(pgid) };
  writeFileSync(`${file}.tmp`, JSON.stringify(record));
  renameSync(`${file}.tmp`, file);
}

/** Forgets a group that has exited. */
export function forgetGroup(dir: string, pgid: number): void {
  removeFile(path.join(dir, `${pgid}.json`));
}

/** Ends every group recorded in `dir` that still runs (SIGTERM, SIGKILL after `graceMs`) and waits for it. */
export async function endLeftoverGroups(dir: string, graceMs: number): Promise<GroupRecord[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const ended: GroupRecord[] = [];
  for (const name of names) {
    const record = readRecord(path.join(dir, name));
    if (record !== undefined && stillOurs(record)) {
      await endGroup(record.pgid, graceMs);
      ended.push(record);
    }
    removeFile(path.join(dir, name));
  }
  return ended;
}

/** The group runs and its leader, when alive, is the process we recorded (not a reused pid). */
function stillOurs(record: GroupRecord): boolean {
  if (!groupAlive(record.pgid)) return false;
  const leaderStart = processStartTime(record.pgid);
  return leaderStart === undefined || record.leaderStart === undefined || leaderStart === record.leaderStart;
}

async function endGroup(pgid: number, graceMs: number): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGKILL');
  while (groupAlive(pgid)) await sleep(20);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function readRecord(file: string): GroupRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Partial<GroupRecord>;
    return typeof r.pgid === 'number' && r.pgid > 1 && typeof r.stage === 'string' ? { pgid: r.pgid, stage: r.stage, leaderStart: r.leaderStart } : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
