// The page's calls to the server: every request carries the token as a bearer header (never in a URL).
const TOKEN_KEY = 'pipe-annotate-token';

/** Takes a token from the URL fragment (#token=…) into session storage and removes it from the address bar. */
export function adoptTokenFromUrl() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function hasToken() {
  return sessionStorage.getItem(TOKEN_KEY) !== null;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(path, init = {}) {
  const headers = { ...(init.headers ?? {}), Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` };
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    let message = response.statusText;
    try {
      message = (await response.json()).error ?? message;
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, message);
  }
  return response;
}

export async function getJson(path) {
  return (await call(path)).json();
}

export async function postAction(body) {
  return (await call('/api/action', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
}

/**
 * The audio of [start, end) of one recording: the WAV blob (for playing) and its samples, read here from the
 * server's mono 16-bit PCM so that the view needs no AudioContext decode.
 */
export async function audioSlice(file, start, end) {
  const q = new URLSearchParams({ file, start: start.toFixed(4), end: end.toFixed(4) });
  const blob = await (await call(`/api/audio?${q}`)).blob();
  return { blob, ...pcm16Mono(await blob.arrayBuffer()) };
}

function pcm16Mono(buffer) {
  const view = new DataView(buffer);
  let offset = 12;
  let sampleRate = 0;
  while (offset + 8 <= buffer.byteLength) {
    const id = String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ') sampleRate = view.getUint32(offset + 12, true);
    if (id === 'data') {
      const n = Math.floor(Math.min(size, buffer.byteLength - offset - 8) / 2);
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = view.getInt16(offset + 8 + 2 * i, true) / 32768;
      return { samples, duration: n / sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('the server sent audio without a data chunk');
}

/** The server-rendered spectrogram image of [start, end) as an object URL, and its top frequency. */
export async function spectrogramImage(file, start, end) {
  const q = new URLSearchParams({ file, start: start.toFixed(4), end: end.toFixed(4) });
  const response = await call(`/api/spectrogram?${q}`);
  return { url: URL.createObjectURL(await response.blob()), maxHz: Number(response.headers.get('X-Max-Frequency-Hz')) };
}
