// Package root (`pipe-audio-ml`): the pipeline engine's public API. The research libraries are subpath exports:
// `pipe-audio-ml/audio`, `/ml`, `/features`, `/ssl`, `/bundle`, `/drift`, `/validate`, `/synth`, `/serve`
// (and `/engine`, the same as the root).
export * from './engine/index.js';
