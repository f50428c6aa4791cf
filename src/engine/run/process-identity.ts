// Who a pid is: its start time (clock ticks since boot, /proc/<pid>/stat field 22), so that a pid recorded in
// a file can be told apart from a later, unrelated process that reuses the same number.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Start time of `pid` as recorded by the kernel, or undefined where /proc is unavailable or it is gone. */
export function processStartTime(pid: number): string | undefined {
  const fields = statFields(pid);
  return fields?.[19];
}

/** Pids of the live processes in process group `pgid` (empty where /proc is unavailable). */
export function groupMembers(pgid: number): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name));
    // fields after "(comm)": state ppid pgrp …; a zombie has already exited
    if (fields !== undefined && fields[2] === String(pgid) && fields[0] !== 'Z') members.push(Number(name));
  }
  return members;
}

/** True while some process of group `pgid` runs (zombies, exited but not yet reaped, do not count). */
export function groupAlive(pgid: number): boolean {
  if (existsSync('/proc/self/stat')) return groupMembers(pgid).length > 0;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The space-separated fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
