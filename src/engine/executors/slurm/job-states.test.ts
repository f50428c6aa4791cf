import { describe, expect, it } from 'vitest';
import { failureState, isActive, stateFromLog } from './job-states.js';

describe('job states', () => {
  it('tells active from final states', () => {
    for (const s of ['PENDING', 'RUNNING', 'COMPLETING', 'CONFIGURING', 'REQUEUED']) expect(isActive(s)).toBe(true);
    for (const s of ['COMPLETED', 'FAILED', 'TIMEOUT', 'NODE_FAIL', 'CANCELLED']) expect(isActive(s)).toBe(false);
    expect(failureState('CANCELLED by 0')).toBe('CANCELLED');
    expect(failureState('COMPLETED')).toBeUndefined();
  });

  // TIME LIMIT, memory and plain CANCELLED lines as slurmstepd 22.05 wrote them on the test cluster; the node-failure,
  // preemption and cgroup oom-kill lines follow the same format (those states also come from squeue itself)
  it('reads the state from slurmstepd kill messages in the log', () => {
    expect(stateFromLog('slurmstepd-vm: error: *** JOB 12 ON vm CANCELLED AT 2026-12-04T10:00:00 DUE TO TIME LIMIT ***')).toBe('TIMEOUT');
    expect(stateFromLog('slurmstepd-vm: error: StepId=5.batch exceeded memory limit (80977920 > 52428800), being killed')).toBe('OUT_OF_MEMORY');
    expect(stateFromLog('slurmstepd: error: Detected 1 oom-kill event(s) in StepId=7.batch.')).toBe('OUT_OF_MEMORY');
    expect(stateFromLog('*** JOB 9 ON n1 CANCELLED AT 2026-01-01T00:00:00 DUE TO NODE FAILURE, SEE SLURMCTLD LOG FOR DETAILS ***')).toBe('NODE_FAIL');
    expect(stateFromLog('*** JOB 9 ON n1 CANCELLED AT 2026-01-01T00:00:00 DUE TO PREEMPTION ***')).toBe('PREEMPTED');
    expect(stateFromLog('slurmstepd: error: *** JOB 3 ON vm CANCELLED AT 2026-12-04T10:00:00 ***')).toBe('CANCELLED');
    expect(stateFromLog('hello\n')).toBeUndefined();
  });
});
