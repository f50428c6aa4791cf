// `core.cpus` of .pipe/config.yaml: the cores a local repro may keep busy (see core-budget.ts), checked with this
// file's own schema. No `core.cpus`: undefined.
import { z } from 'zod';
import { configSection, readProjectConfig } from '../config/project-config.js';
import type { Failure } from '../failure.js';
import { ok, type Result } from '../result.js';

const coreSchema = z.looseObject({ cpus: z.number().int().min(1).optional().describe('cores a local repro may keep busy') });

/** `core.cpus` of the project config at `root`, or undefined when not set. */
export function configuredCores(root: string): Result<number | undefined, Failure> {
  const config = readProjectConfig(root);
  if (!config.ok) return config;
  const core = configSection(config.value, 'core', coreSchema);
  return core.ok ? ok(core.value.cpus) : core;
}
