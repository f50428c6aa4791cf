// placeholder
import type { LldContours } from './lld.js';
import type { StreamA } from './stream-a.js';
export function egemapsFunctionals(l: LldContours, a: StreamA): Float64Array { void l; void a; return new Float64Array(88); }
