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

/** The audio of [start, end) of one recording, as a WAV blob. */
export async function audioSlice(file, start, end) {
  const q = new URLSearchParams({ file, start: start.toFixed(4), end: end.toFixed(4) });
  return (await call(`/api/audio?${q}`)).blob();
}
