// Process probes for the fault tests: a zombie (exited, not yet reaped by init) counts as dead.
import { readFileSync } from 'node:fs';

/** True while `pid` runs (not a zombie). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
