// .github/workflows/ci.yml: valid YAML with the structure of a GitHub Actions workflow (a zod schema of the parts
// it uses; no network), and the jobs the deployment needs: .ci/run, the image build, the scheduled drift report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { z } from 'zod';

const WORKFLOW = join(import.meta.dirname, '../../.github/workflows/ci.yml');

/** Five cron fields, each `*`, numbers, ranges, lists or steps. */
const CRON_FIELD = String.raw`(\*|\d+(-\d+)?)(\/\d+)?(,\d+(-\d+)?)*`;
const cron = z.string().regex(new RegExp(`^${CRON_FIELD}(\\s+${CRON_FIELD}){4}$`), 'a five-field cron expression');
const step = z
  .object({
    name: z.string().optional(),
    uses: z.string().regex(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w.-]+$/, 'owner/repo@ref').optional(),
    run: z.string().min(1).optional(),
    with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    env: z.record(z.string(), z.string()).optional(),
    if: z.string().optional(),
    'working-directory': z.string().optional(),
  })
  .strict()
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), 'a step has exactly one of `uses` and `run`');
const job = z
  .object({
    name: z.string().optional(),
    if: z.string().optional(),
    needs: z.union([z.string(), z.array(z.string())]).optional(),
    'runs-on': z.string().min(1),
    'timeout-minutes': z.number().int().positive().max(30),
    permissions: z.record(z.string(), z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    steps: z.array(step).min(1),
  })
  .strict();
const branches = z.object({ branches: z.array(z.string()).optional() }).strict().nullable();
const workflow = z
  .object({
    name: z.string(),
    on: z
      .object({
        push: branches.optional(),
        pull_request: branches.optional(),
        schedule: z.array(z.object({ cron }).strict()).optional(),
        workflow_dispatch: z.null().optional(),
      })
      .strict(),
    permissions: z.record(z.string(), z.enum(['read', 'write', 'none'])).optional(),
    concurrency: z.object({ group: z.string(), 'cancel-in-progress': z.boolean() }).strict().optional(),
    jobs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/), job),
  })
  .strict();

type Workflow = z.infer<typeof workflow>;

function load(text: string): Workflow {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`ci.yml: ${doc.errors[0]!.message}`);
  return workflow.parse(doc.toJS());
}

const runs = (wf: Workflow, jobName: string): string => (wf.jobs[jobName]?.steps ?? []).map((s) => s.run ?? s.uses).join('\n');

describe('.github/workflows/ci.yml', () => {
  const text = readFileSync(WORKFLOW, 'utf8');

  it('is valid YAML with a GitHub Actions workflow structure', () => {
    expect(() => load(text)).not.toThrow();
  });

  it('the schema rejects what GitHub would: a step with both uses and run, a bad cron, a missing runs-on, a duplicate key', () => {
    expect(() => load(text.replace('- name: .ci/run\n', '- uses: actions/cache@v4\n        name: .ci/run\n'))).toThrow(/exactly one/);
    expect(() => load(text.replace("cron: '17 4 * * 1'", "cron: '17 4 * *'"))).toThrow(/cron/);
    expect(() => load(text.replace('    runs-on: ubuntu-24.04\n    timeout-minutes: 20\n', '    timeout-minutes: 20\n'))).toThrow(/runs-on/);
    expect(() => load(text.replace('permissions:\n  contents: read\n', 'permissions:\n  contents: read\n  contents: write\n'))).toThrow(/ci.yml: .*unique/i);
  });

  it('installs and runs .ci/run, builds and smoke-tests the image, and runs the drift report on a schedule', () => {
    const wf = load(text);
    expect(runs(wf, 'test')).toMatch(/actions\/setup-node@v4[\s\S]*bash \.ci\/run/);
    expect(wf.jobs.test?.steps.find((s) => s.uses === 'actions/setup-node@v4')?.with?.['node-version']).toBe(20);
    expect(runs(wf, 'image')).toMatch(/npm ci[\s\S]*podman build --format docker -t (\S+) \.[\s\S]*deploy\/image-smoke\.sh/);
    expect(wf.on.schedule).toHaveLength(1);
    expect(wf.jobs['drift-report']?.if).toContain("github.event_name == 'schedule'");
    expect(runs(wf, 'drift-report')).toMatch(/npm ci[\s\S]*npx pipe repro validate[\s\S]*actions\/upload-artifact@v4/);
    for (const name of ['test', 'image']) expect(wf.jobs[name]?.if).toBe("github.event_name != 'schedule'");
  });
});
