// `pipe exp`: sweeps, isolated worktrees sharing the cache, experiments recorded in git refs.
export { expandSweep, type ParamSet } from './sweep.js';
export { applyParamSets, checkParamSets } from './params-edit.js';
export { EXP_REF_PREFIX, RECORD_FILE, experimentCommit, listExperiments, recordExperiment, removeExperiment, type ExpRecord, type StoredExp } from './exp-store.js';
export { createExpWorktree, EXPS_DIR, removeExpWorktree } from './exp-worktree.js';
export { readFlatFiles } from './flat-files.js';
export { restoreLockOutputs } from './restore-outputs.js';
export { changedDeps, experimentDepHashes, lockDepHashes } from './changed-deps.js';
export { readCommitBlobs } from './commit-blobs.js';
