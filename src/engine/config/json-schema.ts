// The JSON Schema of pipeline.yaml for editors (schema/pipeline.schema.json), derived from the zod schema so
// that the two cannot drift (a test compares them).
import { z } from 'zod';
import { foreachSchema, matrixSchema, pipelineSchema, stageSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of a whole pipeline.yaml. */
export function pipelineJsonSchema(): Record<string, unknown> {
  const full = pipelineSchema.extend({
    stages: z
      .record(z.string(), z.union([stageSchema, foreachSchema, matrixSchema]))
      .describe('Stages by name: a plain stage, a foreach/do template, or a stage with a matrix'),
  });
  const schema = z.toJSONSchema(full, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://example.invalid/pipe/pipeline.schema.json',
    title: 'pipe pipeline.yaml (DVC dvc.yaml compatible)',
  };
}
