// Runs an ONNX model on onnxruntime-node (imported lazily, so the CLI starts fast): CUDA when asked for or when
// a CUDA runtime is detectable, CPU otherwise, with a clean fallback to CPU if the CUDA provider fails to load.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';

export type SslDevice = 'auto' | 'cpu' | 'cuda';

export interface OrtSessionOptions {
  /** 'auto' (default): CUDA if detectable, else CPU. 'cuda': CUDA or a clear error. */
  readonly device?: SslDevice;
  /** Intra-op threads; 0 (default) lets onnxruntime pick one per physical core. */
  readonly threads?: number;
}

/** A loaded model: run float32 [batch, samples] input, get named float32 outputs. */
export interface OrtModel {
  readonly provider: 'cuda' | 'cpu';
  readonly inputName: string;
  readonly outputNames: readonly string[];
  run(input: Float32Array, dims: readonly number[], outputs: readonly string[]): Promise<Map<string, { data: Float32Array; dims: readonly number[] }>>;
  close(): Promise<void>;
}

/** Whether a CUDA runtime looks usable: an NVIDIA device node, and onnxruntime's CUDA provider library shipped. */
export function cudaLikelyAvailable(): boolean {
  if (!existsSync('/dev/nvidia0') && !existsSync('/dev/nvidiactl')) return false;
  try {
    const require = createRequire(import.meta.url);
    const pkgDir = dirname(require.resolve('onnxruntime-node/package.json'));
    const binDir = join(pkgDir, 'bin');
    const stack = [binDir];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) stack.push(join(dir, entry.name));
        else if (entry.name.includes('providers_cuda')) return true;
      }
    }
  } catch {
    return false;
  }
  return false;
}

async function createSession(source: Uint8Array | string, provider: 'cuda' | 'cpu', threads: number, quiet = false): Promise<InferenceSession> {
  const ort = await import('onnxruntime-node');
  const options: InferenceSession.SessionOptions = {
    executionProviders: provider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    graphOptimizationLevel: 'all',
    // A CUDA attempt that may fall back to CPU logs only fatal errors (4), so the fallback stays silent.
    ...(quiet ? { logSeverityLevel: 4 as const } : {}),
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
  };
  return typeof source === 'string' ? ort.InferenceSession.create(source, options) : ort.InferenceSession.create(source, options);
}

/** Creates a session from serialised ONNX bytes or an .onnx file path on the requested device. */
export async function openOrtModel(bytes: Uint8Array | string, options: OrtSessionOptions = {}): Promise<OrtModel> {
  const device = options.device ?? 'auto';
  const threads = options.threads ?? 0;
  if (!Number.isInteger(threads) || threads < 0) throw new RangeError(`threads must be a non-negative integer, got ${threads}`);
  let session: InferenceSession | undefined;
  let provider: 'cuda' | 'cpu' = 'cpu';
  if (device === 'cuda' || (device === 'auto' && cudaLikelyAvailable())) {
    try {
      session = await createSession(bytes, 'cuda', threads, device === 'auto');
      provider = 'cuda';
    } catch (error) {
      if (device === 'cuda') throw new RangeError(`device 'cuda' requested but onnxruntime could not use CUDA: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  session ??= await createSession(bytes, 'cpu', threads);
  return wrapSession(session, provider);
}

function wrapSession(session: InferenceSession, provider: 'cuda' | 'cpu'): OrtModel {
  const inputName = session.inputNames[0];
  if (inputName === undefined) throw new RangeError('ONNX model has no input');
  return {
    provider,
    inputName,
    outputNames: session.outputNames,
    async run(input, dims, outputs) {
      const ort = await import('onnxruntime-node');
      const feeds: Record<string, Tensor> = { [inputName]: new ort.Tensor('float32', input, [...dims]) };
      const result = await session.run(feeds, [...outputs]);
      const out = new Map<string, { data: Float32Array; dims: readonly number[] }>();
      for (const name of outputs) {
        const tensor = result[name];
        if (tensor === undefined || !(tensor.data instanceof Float32Array)) throw new RangeError(`ONNX model returned no float32 output '${name}'`);
        out.set(name, { data: tensor.data, dims: tensor.dims });
      }
      return out;
    },
    close: () => session.release(),
  };
}
