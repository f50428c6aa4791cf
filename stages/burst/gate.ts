// Stage `gate` of the burst study: the rules of `gate.rules` in params.yaml against the evaluation report (the same
// check as `pipe gate`); a failed rule fails the stage, naming each failed rule, so `pipe repro` stops.
import { readStudyParams, REPORT_FILE, runBurstStage } from './study.js';
import { runGate } from '../../src/burst/gate-run.js';
import { writeFileAtomic } from '../lib/atomic-output.js';

runBurstStage('gate', async () => {
  const params = readStudyParams();
  const result = runGate(REPORT_FILE, params.gate.rules);
  for (const line of result.lines) console.log(`gate: ${line}`);
  if (!result.passed) {
    process.stderr.write(`gate: ${result.summary}\n`);
    process.exitCode = 1;
    return;
  }
  writeFileAtomic('results/gate.json', `${JSON.stringify(result.json, null, 2)}\n`);
  console.log(`gate: ${result.summary}`);
});
