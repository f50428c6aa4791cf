// Compares the SmallCNN with a PyTorch reference run in the layout of shared/reference/burst/cnn/ and prints the
// largest loss, gradient, weight and probability errors.
// Usage: npx tsx bench/nn/check-reference.ts <dir> [--backend auto|wasm|js] [--threads N]
import { checkReference } from '../../src/nn/reference-parity.js';
import { argValue as option } from '../lib/cli-timing.js';

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (dir === undefined || dir.startsWith('--')) {
    console.error('usage: check-reference.ts <dir> [--backend auto|wasm|js] [--threads N]');
    return 2;
  }
  const backend = (option('--backend') ?? 'auto') as 'auto' | 'wasm' | 'js';
  if (!['auto', 'wasm', 'js'].includes(backend)) {
    console.error(`check-reference: --backend must be auto, wasm or js, got ${backend}`);
    return 2;
  }
  const threads = Number(option('--threads') ?? '1');
  const started = performance.now();
  try {
    const r = await checkReference(dir, { backend, threads });
    const ms = performance.now() - started;
    console.log(`reference ${dir}: ${r.steps} steps of batch ${r.batch}, ${r.frames} frames (${backend}, ${threads} thread(s), ${ms.toFixed(0)} ms)`);
    console.log(`loss, max relative error        ${r.lossRel.toExponential(2)}`);
    console.log(`step-0 gradient, max abs error   ${r.gradAbs.max.toExponential(2)}  (${r.gradAbs.name}, largest |grad| there ${r.gradAbs.scale.toExponential(2)})`);
    console.log(`  … excluding pre-BN conv biases  ${r.gradAbs.maxExcludingPreBnBias.toExponential(2)}`);
    console.log(`final weights, max abs error     ${r.weightAbs.max.toExponential(2)}  (${r.weightAbs.name})`);
    console.log(`  … excluding pre-BN conv biases  ${r.weightAbs.maxExcludingPreBnBias.toExponential(2)}  (${r.weightAbs.nameExcludingPreBnBias}; see docs/nn.md, "Parity")`);
    console.log(`eval probabilities, max abs err  ${r.probAbs.toExponential(2)}`);
    console.log(`eval logits, max abs error       ${r.logitAbs.toExponential(2)}`);
    console.log(`  … with the reference's pre-BN biases and running means: probabilities ${r.probAbsWithReferenceBiases.toExponential(2)}`);
    return 0;
  } catch (error) {
    console.error(`check-reference: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
