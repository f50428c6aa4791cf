// The project config's `cache` section: `type`, DVC's cache.type — link types tried in order when outputs are
// placed in the workspace (`reflink,copy` by default; `hardlink`/`symlink` give read-only, protected links).
import { z } from 'zod';
import { configSection, readProjectConfig } from '../config/project-config.js';
import type { Failure } from '../failure.js';
import { fail, ok, type Result } from '../result.js';
import { DEFAULT_LINK_TYPES, type LinkType } from './link-file.js';

const TYPES = ['reflink', 'hardlink', 'symlink', 'copy'] as const;
const cacheSchema = z.looseObject({ type: z.union([z.string(), z.array(z.string())]).optional() });

/** Link types from `.pipe/config.yaml` `cache.type` (`"hardlink,copy"` or a list), else DVC's default. */
export function readLinkTypes(root: string): Result<readonly LinkType[], Failure> {
  const config = readProjectConfig(root);
  if (!config.ok) return config;
  const section = configSection(config.value, 'cache', cacheSchema);
  if (!section.ok) return section;
  const raw = section.value.type;
  if (raw === undefined) return ok(DEFAULT_LINK_TYPES);
  const names = (Array.isArray(raw) ? raw : raw.split(',')).map((t) => t.trim()).filter((t) => t !== '');
  const bad = names.find((t) => !(TYPES as readonly string[]).includes(t));
  if (bad !== undefined || names.length === 0) {
    return fail({ reason: 'bad-config', file: '.pipe/config.yaml', message: `cache.type: '${bad ?? ''}' is not one of ${TYPES.join(', ')}` });
  }
  return ok(names as LinkType[]);
}
