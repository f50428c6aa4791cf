// The annotation page: the queue (lowest confidence first, filtered), the current item on waveform and
// spectrogram, the actions with their keyboard shortcuts, and the save indicator — "saved" is shown only after
// the server answered, which it does after the action is fsynced in the log. Everything from the server or a
// user is put into the page with textContent, never as markup.
import { adoptTokenFromUrl, ApiError, audioSlice, getJson, hasToken, postAction, setToken, spectrogramImage } from './api.js';
import { actionOf } from './keys.js';
import { option, renderItem, renderProblems, renderProgress, renderQueue, renderReadout, renderShortcuts, renderVersions } from './render.js';
import { AudioView } from './view.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const state = { keyAt: null, session: null, queue: [], total: 0, offset: 0, index: 0, item: null, draft: [], selected: 0, busy: false, prefetch: new Map() };
let view;



function saveStatus(kind, text) {
  const s = $('save-status');
  s.dataset.state = kind;
  s.textContent = text;
}

async function start() {
  adoptTokenFromUrl();
  if (!hasToken()) return showLogin();
  const firstPage = getJson(`/api/queue?${filterQuery(0)}`); // in parallel with the session: the defaults are known
  firstPage.catch(() => undefined);
  try {
    state.session = await getJson('/api/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return showLogin('that token is not valid');
    throw error;
  }
  $('login').hidden = true;
  $('layout').hidden = false;
  const s = state.session;
  $('who').textContent = `${s.annotator} (${s.role}) · ${s.model}`;
  for (const l of s.labels) $('f-label').append(option(l, l));
  for (const r of s.recordings) $('f-recording').append(option(r, r));
  renderProblems(s);
  renderShortcuts();
  renderProgress(s.progress);
  view = new AudioView({ onRegionsEdited: (regions) => { state.draft = regions; renderReadout(state); } });
  for (const id of ['f-status', 'f-label', 'f-min', 'f-max', 'f-recording']) $(id).addEventListener('change', () => reload(0));
  document.addEventListener('keydown', onKey);
  $('comment').addEventListener('keydown', onCommentKey);
  await reload(0, undefined, firstPage);
}

function showLogin(message) {
  $('layout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message ?? '';
  $('login').onsubmit = (e) => {
    e.preventDefault();
    setToken($('login-token').value.trim());
    location.reload();
  };
}


function filterQuery(offset) {
  const q = new URLSearchParams({ status: $('f-status').value, offset: String(offset), limit: String(PAGE) });
  if ($('f-label').value) q.set('label', $('f-label').value);
  if ($('f-min').value !== '') q.set('min', $('f-min').value);
  if ($('f-max').value !== '') q.set('max', $('f-max').value);
  if ($('f-recording').value) q.set('recording', $('f-recording').value);
  return q;
}

/** Loads a page of the queue (or takes the `pending` request for it) and shows its first item (or `keepId`). */
async function reload(offset, keepId, pending) {
  const page = await (pending ?? getJson(`/api/queue?${filterQuery(offset)}`));
  state.queue = page.items;
  state.total = page.total;
  state.offset = page.offset;
  for (const pending of state.prefetch.values()) pending.then(({ image }) => URL.revokeObjectURL(image.url), () => undefined);
  state.prefetch.clear();
  renderProgress(page.progress);
  const at = keepId === undefined ? 0 : Math.max(0, state.queue.findIndex((i) => i.id === keepId));
  await showIndex(at);
}


function viewRange(item) {
  const ctx = state.session.context_seconds;
  const lo = Math.min(item.start, ...item.regions.map((r) => r.start));
  const hi = Math.max(item.end, ...item.regions.map((r) => r.end));
  const end = item.duration === null ? hi + ctx : Math.min(item.duration, hi + ctx);
  return { start: Math.max(0, lo - ctx), end };
}

function fetchSlice(item) {
  const range = viewRange(item);
  const key = `${item.audio_file}|${range.start}|${range.end}`;
  if (!state.prefetch.has(key)) {
    const both = Promise.all([audioSlice(item.audio_file, range.start, range.end), spectrogramImage(item.audio_file, range.start, range.end)]);
    state.prefetch.set(key, both.then(([audio, image]) => ({ audio, image, range })));
  }
  return state.prefetch.get(key);
}

/** Shows queue item `i`; past the end of the page, loads the next page. */
async function showIndex(i) {
  if (i >= state.queue.length && state.queue.length > 0) {
    if ($('f-status').value === 'todo') return reload(0); // decided items have left the to-do queue
    if (state.offset + state.queue.length < state.total) return reload(state.offset + PAGE);
    i = state.queue.length - 1;
  }
  state.index = Math.max(0, Math.min(i, state.queue.length - 1));
  const item = state.queue[state.index];
  renderQueue(state, showIndex);
  if (item === undefined) return showItem(null);
  await showItem(item);
  const following = state.queue[state.index + 1];
  if (following) fetchSlice(following);
}

async function showItem(item) {
  const t0 = performance.now();
  state.item = item;
  $('main').dataset.item = '';
  if (item === null) {
    $('item-file').textContent = 'No item matches the filters.';
    for (const id of ['item-time', 'item-suggested', 'item-mine']) $(id).textContent = '';
    $('main').dataset.item = 'none';
    return;
  }
  state.draft = item.regions.map((r) => ({ ...r }));
  state.selected = 0;
  renderItem(state, item, run);
  const { audio, image, range } = await fetchSlice(item);
  if (state.item !== item) return;
  await view.show(audio, image, range.start, state.draft, state.selected);
  if (state.item !== item) return;
  renderReadout(state);
  $('main').dataset.item = item.id;
  window.annotateTimings = window.annotateTimings ?? [];
  const now = performance.now();
  window.annotateFirstDrawMs = window.annotateFirstDrawMs ?? now; // since navigation start
  window.annotateTimings.push({ item: item.id, ms: now - t0, sinceKeyMs: state.keyAt === null ? null : now - state.keyAt });
  state.keyAt = null;
}









function onKey(event) {
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
  const a = actionOf(event);
  if (a === undefined) return;
  event.preventDefault();
  state.keyAt = event.timeStamp;
  run(a);
}

function onCommentKey(event) {
  if (event.key === 'Escape') {
    event.preventDefault();
    $('comment').blur();
  } else if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    const text = $('comment').value;
    if (text.trim() === '' || state.item === null) return;
    save({ item: state.item.id, action: 'comment', comment: text }).then((ok) => {
      if (ok) $('comment').value = '';
      $('comment').blur();
    });
  }
}

function sameBoundaries(a, b) {
  return a.length === b.length && a.every((r, i) => Math.abs(r.start - b[i].start) < 1e-3 && Math.abs(r.end - b[i].end) < 1e-3);
}

/** Performs one action of the keyboard table. */
async function run(a) {
  const item = state.item;
  switch (a.action) {
    case 'next': return showIndex(state.index + 1);
    case 'prev': return showIndex(Math.max(0, state.index - 1));
    case 'comment': return $('comment').focus();
    case 'undo': return save({ item: item?.id ?? '', action: 'undo' });
    case 'play': { const r = state.draft[state.selected]; if (r) view.play(r.start, r.end); return undefined; }
    case 'play-context': return view.playAll();
    default: break;
  }
  if (item === null || state.busy) return undefined;
  const r = state.draft[state.selected];
  switch (a.action) {
    case 'accept': {
      const moved = !sameBoundaries(state.draft, item.regions.length > 0 ? item.regions : [{ start: item.start, end: item.end }]);
      return save({ item: item.id, action: moved ? 'adjust' : 'accept', regions: state.draft });
    }
    case 'relabel': {
      const label = state.session.labels[a.index];
      if (label === undefined) return undefined;
      return save({ item: item.id, action: 'relabel', regions: state.draft.map((g, i) => (i === state.selected ? { ...g, label } : g)) });
    }
    case 'start':
    case 'end': {
      if (!r) return undefined;
      const limit = item.duration ?? Infinity;
      if (a.action === 'start') r.start = Math.max(0, Math.min(r.end - 0.01, round(r.start + a.delta)));
      else r.end = Math.min(limit, Math.max(r.start + 0.01, round(r.end + a.delta)));
      view.draw(state.draft, state.selected);
      return renderReadout(state);
    }
    case 'select':
      state.selected = (state.selected + 1) % Math.max(1, state.draft.length);
      view.draw(state.draft, state.selected);
      return renderReadout(state);
    case 'split': {
      if (!r) return undefined;
      const t = view.cursorTime();
      const at = t > r.start + 0.01 && t < r.end - 0.01 ? round(t) : round((r.start + r.end) / 2);
      const regions = [...state.draft.slice(0, state.selected), { ...r, end: at }, { ...r, start: at }, ...state.draft.slice(state.selected + 1)];
      return save({ item: item.id, action: 'split', regions });
    }
    case 'delete': return save({ item: item.id, action: 'delete' });
    case 'skip': return save({ item: item.id, action: 'skip' });
    case 'uncertain': return save({ item: item.id, action: 'uncertain', regions: state.draft });
    case 'add': {
      const length = r ? r.end - r.start : 0.5;
      const at = view.cursorTime();
      const s0 = Math.max(0, at);
      const e0 = item.duration === null ? s0 + length : Math.min(item.duration, s0 + length);
      return save({ item: item.id, action: 'add', regions: [{ start: round(s0), end: round(e0), label: r?.label ?? state.session.labels[0] }] });
    }
    case 'resolve': {
      const v = item.versions[a.index];
      if (state.session.role !== 'reviewer' || v === undefined) return undefined;
      return save({ item: item.id, action: 'resolve', from: v.annotator });
    }
    default: return undefined;
  }
}

function round(t) {
  return Math.round(t * 1e4) / 1e4;
}

/**
 * Sends an action; shows "saved" only once the server confirmed it was written to the log. Deciding actions
 * move on to the next item; a comment or an added region stays; undo goes to the item it took back.
 */
async function save(body) {
  state.busy = true;
  saveStatus('saving', 'saving…');
  let result;
  try {
    result = await postAction(body);
  } catch (error) {
    saveStatus('error', `not saved: ${error.message}`);
    return false;
  } finally {
    state.busy = false;
  }
  saveStatus('saved', `saved ${body.action}`);
  renderProgress(result.progress);
  const item = result.item;
  if (body.action === 'add' || item === null) return true; // the added region is an item of its own
  const at = state.queue.findIndex((i) => i.id === item.id);
  if (at >= 0) state.queue[at] = item;
  if (body.action === 'comment') {
    renderVersions(state, item, run);
    return true;
  }
  if (body.action === 'undo') {
    if (at < 0) state.queue.splice(state.index, 0, item);
    await showIndex(at >= 0 ? at : state.index);
    return true;
  }
  await showIndex(state.index + 1);
  return true;
}

start().catch((error) => saveStatus('error', String(error.message ?? error)));
