// Column names of eGeMAPSv02 as openSMILE 3.0.2 writes them (Eyben et al. 2016; docs/egemaps.md).

const TEN_FUNCTIONALS = [
  'amean', 'stddevNorm', 'percentile20.0', 'percentile50.0', 'percentile80.0', 'pctlrange0-2',
  'meanRisingSlope', 'stddevRisingSlope', 'meanFallingSlope', 'stddevFallingSlope',
] as const;

const VOICED_LLDS = [
  'jitterLocal', 'shimmerLocaldB', 'HNRdBACF', 'logRelF0-H1-H2', 'logRelF0-H1-A3',
  'F1frequency', 'F1bandwidth', 'F1amplitudeLogRelF0', 'F2frequency', 'F2bandwidth', 'F2amplitudeLogRelF0',
  'F3frequency', 'F3bandwidth', 'F3amplitudeLogRelF0', 'alphaRatioV', 'hammarbergIndexV', 'slopeV0-500',
  'slopeV500-1500', 'spectralFluxV', 'mfcc1V', 'mfcc2V', 'mfcc3V', 'mfcc4V',
] as const;

const UNVOICED_LLDS = ['alphaRatioUV', 'hammarbergIndexUV', 'slopeUV0-500', 'slopeUV500-1500', 'spectralFluxUV'] as const;

/** Builds the 88 functional names in openSMILE's output order. */
function functionalNames(): readonly string[] {
  const names: string[] = [];
  for (const f of TEN_FUNCTIONALS) names.push(`F0semitoneFrom27.5Hz_sma3nz_${f}`);
  for (const f of TEN_FUNCTIONALS) names.push(`loudness_sma3_${f}`);
  for (const lld of ['spectralFlux', 'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4']) {
    names.push(`${lld}_sma3_amean`, `${lld}_sma3_stddevNorm`);
  }
  for (const lld of VOICED_LLDS) names.push(`${lld}_sma3nz_amean`, `${lld}_sma3nz_stddevNorm`);
  for (const lld of UNVOICED_LLDS) names.push(`${lld}_sma3nz_amean`);
  names.push(
    'loudnessPeaksPerSec', 'VoicedSegmentsPerSec', 'MeanVoicedSegmentLengthSec', 'StddevVoicedSegmentLengthSec',
    'MeanUnvoicedSegmentLength', 'StddevUnvoicedSegmentLength', 'equivalentSoundLevel_dBp',
  );
  return Object.freeze(names);
}

/** The 88 eGeMAPSv02 functional names, exactly as in openSMILE's CSV header. */
export const EGEMAPS_FUNCTIONAL_NAMES: readonly string[] = functionalNames();

/** The 25 frame-level descriptors (after smoothing), as in openSMILE's LLD CSV header. */
export const EGEMAPS_LLD_NAMES: readonly string[] = Object.freeze([
  'Loudness_sma3', 'alphaRatio_sma3', 'hammarbergIndex_sma3', 'slope0-500_sma3', 'slope500-1500_sma3',
  'spectralFlux_sma3', 'mfcc1_sma3', 'mfcc2_sma3', 'mfcc3_sma3', 'mfcc4_sma3', 'F0semitoneFrom27.5Hz_sma3nz',
  'jitterLocal_sma3nz', 'shimmerLocaldB_sma3nz', 'HNRdBACF_sma3nz', 'logRelF0-H1-H2_sma3nz',
  'logRelF0-H1-A3_sma3nz', 'F1frequency_sma3nz', 'F1bandwidth_sma3nz', 'F1amplitudeLogRelF0_sma3nz',
  'F2frequency_sma3nz', 'F2bandwidth_sma3nz', 'F2amplitudeLogRelF0_sma3nz', 'F3frequency_sma3nz',
  'F3bandwidth_sma3nz', 'F3amplitudeLogRelF0_sma3nz',
]);
