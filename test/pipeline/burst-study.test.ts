// The burst study end to end on a tiny generated dataset, in a temp copy of the project, through the real CLI
// (`cd studies/burst && pipe repro`): outputs exist, a rerun is a no-op, a param edit reruns only what it touches,
// the gate fails on an impossible rule, and a corrupt recording stops the run with one line naming it.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const PIPE = join(ROOT, 'bin/pipe.js');
let project: string;
let study: string;

function pipe(cwd: string, ...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync('node', [PIPE, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const ran = (output: string): string[] => [...output.matchAll(/Running stage '([^']+)'/g)].map((m) => m[1]!.replace(/^.*:/, '')).sort();

function editParams(edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(readFileSync(join(study, 'params.yaml'), 'utf8'));
  edit(doc);
  writeFileSync(join(study, 'params.yaml'), doc.toString());
}

describe('burst study on a tiny dataset', () => {
  let first: { code: number; out: string; err: string };

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'pipe-burst-e2e-'));
    for (const entry of ['src', 'stages', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
    mkdirSync(join(project, '.pipe'));
    writeFileSync(join(project, '.pipe/config.yaml'), '{}\n'); // the project root, as a clone's .pipe/ marks it
    study = join(project, 'studies/burst');
    mkdirSync(study, { recursive: true });
    cpSync(join(ROOT, 'studies/burst/pipeline.yaml'), join(study, 'pipeline.yaml'));
    cpSync(join(ROOT, 'studies/burst/params.yaml'), join(study, 'params.yaml'));
    editParams((doc) => {
      doc.setIn(['synth', 'recordings'], 6);
      doc.setIn(['synth', 'duration_s'], [3, 4]);
      doc.setIn(['synth', 'class_shares'], [1, 1, 1]);
      doc.setIn(['split', 'test_share'], 0.2);
      doc.setIn(['train', 'folds'], 2);
      doc.setIn(['train', 'epochs'], 1);
      doc.setIn(['train', 'threads'], 1);
      doc.setIn(['gate', 'rules'], ['accuracy >= 0', 'ece <= 1']);
    });
    first = pipe(study, 'repro');
  }, 600_000);

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('runs every stage and writes the model, ONNX export, metadata, report, predictions, plots and metrics', () => {
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(ran(first.out)).toEqual(['evaluate', 'gate', 'prepare', 'synthesize', 'train']);
    for (const file of ['models/burst/model.onnx', 'models/burst/model.safetensors', 'models/burst/burst-model.json', 'models/burst/metadata.json', 'results/evaluation/evaluation_report.json', 'results/evaluation/per_segment_predictions.csv', 'results/evaluation/pr_curves.png', 'results/evaluation/reliability.svg', 'results/evaluation/confusion_matrix.png', 'results/metrics.json', 'results/cv.json', 'results/gate.json']) {
      expect(existsSync(join(study, file)), file).toBe(true);
    }
    const metadata = JSON.parse(readFileSync(join(study, 'models/burst/metadata.json'), 'utf8')) as { dataset: { hash: string; manifest: { files: { sha256: unknown }[] } }; training: { folds: unknown[] } };
    expect(metadata.dataset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(metadata.dataset.manifest.files.every((f) => typeof f.sha256 === 'string')).toBe(true);
    expect(metadata.training.folds).toHaveLength(2);
    const metrics = pipe(study, 'metrics', 'show', '--json');
    expect(metrics.code).toBe(0);
    expect(metrics.out).toContain('macro_f1');
  });

  it('pre-labels recordings with the burst model (pipe predict) and serves it (pipe serve)', async () => {
    const wav = join(study, 'data/demo/rec01_room1.wav');
    const predicted = pipe(study, 'predict', '--model', 'models/burst', wav, '-o', join(project, 'prelabels.json'));
    expect(predicted.code).toBe(0);
    const prelabels = JSON.parse(readFileSync(join(project, 'prelabels.json'), 'utf8')) as { audio_files: string[]; predictions: { audio_file: string; start_seconds: number; end_seconds: number; probabilities: number[]; per_class_probability: Record<string, number> }[] };
    expect(prelabels.audio_files).toEqual([wav]);
    const descriptor = JSON.parse(readFileSync(join(study, 'models/burst/burst-model.json'), 'utf8')) as { segment_seconds: number };
    const [a, b] = prelabels.predictions;
    expect(b!.start_seconds - a!.start_seconds).toBeCloseTo(descriptor.segment_seconds / 4, 2);
    expect(Object.keys(a!.per_class_probability)).toEqual(['b', 'mb', 'h']);
    expect(a!.probabilities.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 4);

    const server = spawn('node', [PIPE, 'serve', '--model', 'models/burst', '--port', '0'], { cwd: study });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let text = '';
        server.stderr.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const m = /listening on (\S+)/.exec(text);
          if (m) resolveUrl(m[1]!);
        });
        server.once('exit', () => reject(new Error(`pipe serve exited: ${text}`)));
      });
      expect(((await (await fetch(`${url}/health`)).json()) as { status: string }).status).toBe('ok');
      const form = new FormData();
      form.append('file', new Blob([readFileSync(wav)]), 'my upload.wav');
      const response = await fetch(`${url}/predict`, { method: 'POST', body: form });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { n_predictions: number; predictions: { audio_file: string }[] };
      expect(body.n_predictions).toBe(prelabels.predictions.length);
      expect(new Set(body.predictions.map((p) => p.audio_file))).toEqual(new Set(['my upload.wav']));
    } finally {
      server.kill('SIGTERM');
    }
  }, 60_000);

  it('does nothing on a rerun', () => {
    const again = pipe(study, 'repro');
    expect(again.code).toBe(0);
    expect(ran(again.out)).toEqual([]);
  });

  it('reruns only what a param edit touches', () => {
    editParams((doc) => doc.setIn(['train', 'learning_rate'], 0.002));
    const status = pipe(study, 'status');
    expect(status.out).toContain('train.learning_rate');
    const r = pipe(study, 'repro');
    expect(r.code).toBe(0);
    expect(ran(r.out)).toEqual(['evaluate', 'gate', 'train']);
  });

  it('fails the gate on an impossible rule, naming it (pipe gate and the gate stage)', () => {
    const cli = pipe(study, 'gate', '--rule', 'macro_f1 >= 1.01', '--rule', 'ece <= 1');
    expect(cli.code).not.toBe(0);
    expect(cli.err).toMatch(/FAILED 1 of 2 rules: macro_f1 >= 1\.01 \(macro_f1 = /);
    editParams((doc) => doc.setIn(['gate', 'rules'], ['accuracy >= 1.5']));
    const r = pipe(study, 'repro');
    expect(r.code).not.toBe(0);
    expect(ran(r.out)).toEqual(['gate']);
    expect(r.err + r.out).toMatch(/gate: FAILED 1 of 1 rule: accuracy >= 1\.5/);
    expect(existsSync(join(study, 'results/gate.json'))).toBe(false);
  });

  it('stops on a corrupt recording with one line naming it, writing nothing', () => {
    const bad = join(project, 'bad-data');
    cpSync(join(study, 'data/demo'), bad, { recursive: true });
    writeFileSync(join(bad, 'rec02_room2.wav'), 'RIFF\u0000\u0000\u0000\u0000WAVEjunk');
    rmSync(join(bad, 'manifest.json'));
    editParams((doc) => {
      doc.setIn(['data', 'dir'], '../../bad-data');
      doc.setIn(['gate', 'rules'], ['accuracy >= 0']);
    });
    const before = readFileSync(join(study, 'data/prepared.json'), 'utf8');
    const r = pipe(study, 'repro');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/prepare: .*bad-data\/rec02_room2\.wav: /);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(study, 'data/prepared.json')) ? readFileSync(join(study, 'data/prepared.json'), 'utf8') : before).toBe(before);
  });
});
