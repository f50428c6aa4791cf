// The published JSON Schema matches the zod schema (regenerate with UPDATE_SCHEMA=1).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { pipelineJsonSchema } from '../../src/engine/config/json-schema.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema/pipeline.schema.json');

test('schema/pipeline.schema.json is up to date', () => {
  const text = JSON.stringify(pipelineJsonSchema(), null, 2) + '\n';
  if (process.env['UPDATE_SCHEMA'] === '1') writeFileSync(file, text);
  expect(readFileSync(file, 'utf8')).toBe(text);
});
