// The hubert_ssl / wav2vec2_ssl feature sets (src/features/ssl-sets.ts) on the reference checkpoints.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWavFile } from '../audio/wav-decode.js';
import { hubertSslSet, loadResampler, parseSslSetParams, sslSkipReason, wav2vec2SslSet } from './ssl-sets.js';

const REFERENCE = join(import.meta.dirname, '../../test/fixtures/reference');
const HUBERT = join(REFERENCE, 'ssl/tiny-hubert');
const WAV2VEC2 = join(REFERENCE, 'ssl/tiny-wav2vec2');

describe('SSL feature sets', () => {
  it('say clearly when no checkpoint is configured', async () => {
    expect(() => hubertSslSet.columns({})).toThrow('no checkpoint configured for hubert_ssl: set features.hubert_ssl.model_path in params.yaml (or --param model_path=DIR)');
    await expect(wav2vec2SslSet.open({})).rejects.toThrow(/no checkpoint configured for wav2vec2_ssl/);
    expect(sslSkipReason('wav2vec2_ssl', { model_path: '' })).toMatch(/^no checkpoint configured for wav2vec2_ssl/);
    expect(sslSkipReason('wav2vec2_ssl', { model_path: WAV2VEC2 })).toBeUndefined();
  });

  it('name one column per hidden unit', () => {
    const columns = hubertSslSet.columns({ model_path: HUBERT });
    expect(columns).toHaveLength(32);
    expect(columns[0]).toBe('ssl_0');
    expect(columns[31]).toBe('ssl_31');
  });

  it('parse params with defaults and reject bad ones', () => {
    expect(parseSslSetParams('hubert_ssl', { model_path: 'm' })).toEqual({ modelPath: 'm', layer: 'last', pool: 'mean', batchSize: 32, device: 'auto', threads: 0, maxClipSeconds: 120 });
    expect(parseSslSetParams('hubert_ssl', { model_path: 'm', layer: '3', batch_size: 4, device: 'cpu' })).toMatchObject({ layer: 3, batchSize: 4, device: 'cpu' });
    expect(() => parseSslSetParams('hubert_ssl', { model_path: 'm', pool: 'max' })).toThrow(/hubert_ssl: invalid param 'pool'/);
    expect(() => parseSslSetParams('hubert_ssl', { model_path: 'm', device: 'tpu' })).toThrow(/invalid param 'device'/);
    expect(() => parseSslSetParams('hubert_ssl', { model_path: 'm', layer: 'first' })).toThrow(/invalid param 'layer'/);
  });

  it('refuse a checkpoint of the other model type and a missing folder', async () => {
    expect(() => hubertSslSet.columns({ model_path: WAV2VEC2 })).toThrow(/is a 'wav2vec2' model; hubert_ssl expects model_type 'hubert'/);
    expect(() => hubertSslSet.columns({ model_path: join(REFERENCE, 'nope') })).toThrow(/hubert_ssl: no config.json in/);
  });

  it('extract rows in order: embeddings, flagged short clips, other rates resampled (or flagged without a resampler)', async () => {
    const canResample = (await loadResampler()) !== undefined;
    const extractor = await wav2vec2SslSet.open({ model_path: WAV2VEC2, device: 'cpu' });
    expect(extractor.parallelizable).toBe(false);
    const files = ['vowel_infant_380.wav', 'fmt_pcm16_8k.wav', 'cry_like.wav'];
    const clips = await Promise.all(files.map((f) => decodeWavFile(join(REFERENCE, 'audio', f))));
    const short = { sampleRateHz: 16000, samples: new Float32Array(200) };
    const rows = await extractor.extractBatch([clips[0]!, clips[1]!, short, clips[2]!]);
    expect(rows.map((r) => r.ok)).toEqual([true, canResample, false, true]);
    if (!canResample) expect(rows[1]).toMatchObject({ reason: expect.stringMatching(/wav2vec2_ssl needs 16000 Hz audio, got 8000 Hz/) });
    expect(rows[2]).toMatchObject({ reason: expect.stringMatching(/shorter than the model's receptive field/) });
    await extractor.close();
  });
});
