// Why a stage is changed: one typed reason per differing input or output, old → new where it applies.
import type { Value } from '../stage.js';

export type Reason =
  | { readonly kind: 'new' }
  | { readonly kind: 'always-changed' }
  | { readonly kind: 'forced' }
  | { readonly kind: 'cmd'; readonly old: string; readonly new: string }
  | { readonly kind: 'dep-added' | 'dep-removed'; readonly path: string }
  | { readonly kind: 'dep-missing'; readonly path: string }
  | { readonly kind: 'dep-modified'; readonly path: string; readonly old: string; readonly new: string }
  | { readonly kind: 'param-added' | 'param-removed'; readonly file: string; readonly key: string }
  | { readonly kind: 'param-modified'; readonly file: string; readonly key: string; readonly old: Value; readonly new: Value }
  | { readonly kind: 'out-added' | 'out-removed' | 'out-missing' | 'out-not-cached'; readonly path: string }
  | { readonly kind: 'out-modified'; readonly path: string; readonly old: string; readonly new: string }
  | { readonly kind: 'upstream-would-run'; readonly stage: string };
