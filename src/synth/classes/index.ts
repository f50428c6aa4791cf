// Class generators by label.
import type { Label } from '../labels.js';
import { canonical } from './canonical.js';
import type { ClassGenerator } from './context.js';
import { crying } from './crying.js';
import { junk } from './junk.js';
import { laughing } from './laughing.js';
import { nonCanonical } from './non-canonical.js';

export type { ClassContext, ClassGenerator, ClassKnobs, Vocalization } from './context.js';
export { DEFAULT_JUNK_MIX, JUNK_KINDS } from './junk.js';

/** The generator that renders each label. */
export const CLASS_GENERATORS: Readonly<Record<Label, ClassGenerator>> = {
  Canonical: canonical,
  Crying: crying,
  Junk: junk,
  Laughing: laughing,
  'Non-canonical': nonCanonical,
};
