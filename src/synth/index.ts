// Public API of the demo-corpus synthesiser (used by stages/synthesize.ts and benches).
export { makeChildProfiles, NOISE_TYPES, type ChildProfile, type ChildProfileOptions, type NoiseType } from './child.js';
export { CLASS_GENERATORS, DEFAULT_JUNK_MIX, JUNK_KINDS, type ClassKnobs, type Vocalization } from './classes/index.js';
export { LABELS, METADATA_COLUMNS, STUDY_CLASS_COUNTS, type Label } from './labels.js';
export { metadataCsv } from './metadata.js';
export { DEFAULT_SYNTH_OPTIONS, withDefaults, type SynthOptions } from './options.js';
export { parseSynthesizeParams, synthesizeParamsSchema, type SynthesizeParams } from './params.js';
export { apportion, planCorpus, type ClipPlan, type PlanOptions } from './plan.js';
export { Rng, deriveSeed } from '../util/random.js';
export { renderClip, type RenderedClip } from './render-clip.js';
export { planDemoCorpus, summarise, writeDemoCorpus, type CorpusPlan, type CorpusSummary } from './write-corpus.js';
