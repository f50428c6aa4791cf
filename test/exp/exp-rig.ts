// The small experiment project shared by the exp scenario tests: prep (no params) → train (params lr, depth,
// score = lr * 10 + depth in metrics.json); SLEEP_S slows train down for the interruption tests, SLOW_DEPTH=d makes the run with depth d take a minute.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rig } from '../engine/rig.js';

/** The built CLI, for tests that spawn it themselves (own process group). */
export const PIPE_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/pipe.js');

export const PIPELINE = `stages:
  prep:
    cmd: sh prep.sh
    deps: [prep.sh]
    outs: [prep.txt]
  train:
    cmd: sh train.sh
    deps: [prep.txt, train.sh]
    params: [lr, depth]
    outs: [model.txt]
    metrics:
      - metrics.json: {cache: false}
`;
// train: model and score from the params; SLEEP_S slows it for the interruption test.
const TRAIN = `echo "start train" >> "$RIG_LOG"
lr=$(sed -n 's/^lr: \\([0-9]*\\).*/\\1/p' params.yaml)
d=$(sed -n 's/^depth: \\([0-9]*\\).*/\\1/p' params.yaml)
sleep "\${SLEEP_S:-0}"
if [ "$d" = "\${SLOW_DEPTH:-}" ]; then sleep 60; fi
echo "model lr=$lr depth=$d $(cat prep.txt)" > model.txt
echo "{\\"score\\": $((lr * 10 + d))}" > metrics.json
`;

/** A git repository (user configured, nothing committed) holding `files` (path → text). */
export function gitProject(files: Record<string, string>): Rig {
  const rig = new Rig();
  for (const [rel, text] of Object.entries(files)) rig.write(rel, text);
  git(rig, 'init', '-q');
  git(rig, 'config', 'user.email', 'test@example.org');
  git(rig, 'config', 'user.name', 'test');
  return rig;
}

/** A git project with the two-stage pipeline above, params lr=1 depth=2, nothing run yet. */
export function setup(): Rig {
  return gitProject({
    'pipeline.yaml': PIPELINE,
    'prep.sh': 'echo "start prep" >> "$RIG_LOG"; echo data > prep.txt\n',
    'train.sh': TRAIN,
    'params.yaml': 'lr: 1 # learning rate\ndepth: 2\n',
    '.gitignore': '.pipe/\ncache/\nprep.txt\nmodel.txt\n.rig-log\npipeline.lock\n',
  });
}

/** `rig` (default: the project of `setup()`), run once and committed as the experiments' base. */
export async function committedBase(rig: Rig = setup()): Promise<Rig> {
  const run = await rig.pipe(['repro']);
  if (run.code !== 0) throw new Error(`the base project did not run: ${run.stderr}`);
  git(rig, 'add', '-A');
  git(rig, 'commit', '-qm', 'base');
  return rig;
}

/** `git args…` in the rig dir. */
export function git(rig: Rig, ...args: string[]): string {
  return execFileSync('git', args, { cwd: rig.dir, encoding: 'utf8' });
}

