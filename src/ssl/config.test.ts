import { describe, expect, it } from 'vitest';
import { architectureToConfigJson, frameCount, parseSslConfig, receptiveFieldSamples } from './config.js';
import { BASE_ARCHITECTURE } from '../../test/support/random-checkpoint.js';

describe('parseSslConfig', () => {
  it('fills transformers defaults: a bare hubert config is hubert-base', () => {
    expect(parseSslConfig({ model_type: 'hubert' })).toEqual(BASE_ARCHITECTURE);
    expect(parseSslConfig(architectureToConfigJson(BASE_ARCHITECTURE))).toEqual(BASE_ARCHITECTURE);
  });

  it('always gives wav2vec2 the feature-projection LayerNorm', () => {
    expect(parseSslConfig({ model_type: 'wav2vec2', feat_proj_layer_norm: false }).featProjLayerNorm).toBe(true);
    expect(parseSslConfig({ model_type: 'hubert', feat_proj_layer_norm: false }).featProjLayerNorm).toBe(false);
  });

  it('rejects unsupported architectures in one line naming the file', () => {
    expect(() => parseSslConfig({ model_type: 'whisper' }, 'c.json')).toThrow(/^c.json: unsupported architecture: model_type 'whisper'/);
    expect(() => parseSslConfig({ model_type: 'wav2vec2', do_stable_layer_norm: true }, 'c.json')).toThrow(/do_stable_layer_norm: true/);
    expect(() => parseSslConfig({ model_type: 'wav2vec2', feat_extract_norm: 'layer' }, 'c.json')).toThrow(/feat_extract_norm 'layer'/);
    expect(() => parseSslConfig({ model_type: 'hubert', hidden_act: 'relu' }, 'c.json')).toThrow(/hidden_act 'relu'/);
  });

  it('rejects malformed values naming the key', () => {
    expect(() => parseSslConfig({ model_type: 'hubert', hidden_size: -3 }, 'c.json')).toThrow(/c.json: invalid config: 'hidden_size'/);
    expect(() => parseSslConfig({ hidden_size: 768 }, 'c.json')).toThrow(/'model_type'/);
    expect(() => parseSslConfig({ model_type: 'hubert', hidden_size: 100 }, 'c.json')).toThrow(/not divisible by num_attention_heads/);
    expect(() => parseSslConfig({ model_type: 'hubert', conv_kernel: [10] }, 'c.json')).toThrow(/same length/);
  });
});

describe('frame geometry', () => {
  it('has a 400-sample receptive field and a 320-sample hop for the base encoder (docs/ssl.md)', () => {
    expect(receptiveFieldSamples(BASE_ARCHITECTURE)).toBe(400);
    for (const n of [399, 400, 719, 720, 6400, 16000, 31067, 480000]) {
      expect(frameCount(BASE_ARCHITECTURE, n)).toBe(n < 400 ? 0 : Math.floor((n - 400) / 320) + 1);
    }
  });
});
