// The project config's `parsing` section (DVC's `parsing` config): how a mapping in a cmd becomes flags.
import { z } from 'zod';
import type { Failure } from '../failure.js';
import { ok, type Result } from '../result.js';
import { configSection, readProjectConfig } from './project-config.js';
import type { FlagStyle } from './template.js';

const parsingSchema = z.strictObject({
  bool: z.enum(['store_true', 'boolean_optional']).optional(),
  list: z.enum(['nargs', 'append']).optional(),
});

/** Flag style from `.pipe/config.yaml` `parsing: {bool, list}` (DVC's defaults: store_true, nargs). */
export function readFlagStyle(root: string): Result<FlagStyle, Failure> {
  const config = readProjectConfig(root);
  if (!config.ok) return config;
  const section = configSection(config.value, 'parsing', parsingSchema);
  if (!section.ok) return section;
  return ok({ bool: section.value.bool ?? 'store_true', list: section.value.list ?? 'nargs' });
}
