// The annotation page: the queue (lowest confidence first, filtered), the current item on waveform and
// spectrogram, the actions with their keyboard shortcuts, and the save indicator — "saved" is shown only after
// the server answered, which it does after the action is fsynced in the log. Everything from the server or a
// user is put into the page with textContent, never as markup.
import { adoptTokenFromUrl, ApiError, audioSlice, getJson, hasToken, postAction, setToken } from './api.js';
import { actionOf, SHORTCUTS } from './keys.js';
import { AudioView } from './view.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const state = { keyAt: null, session: null, queue: [], total: 0, offset: 0, index: 0, item: null, draft: [], selected: 0, busy: false, prefetch: new Map() };
let view;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function fmt(t) {
  return Number(t).toFixed(2);
}

function saveStatus(kind, text) {
  const s = $('save-status');
  s.dataset.state = kind;
  s.textContent = text;
}

async function start() {
  adoptTokenFromUrl();
  if (!hasToken()) return showLogin();
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
  if (s.role === 'reviewer') $('f-status').value = 'todo';
  renderProblems(s);
  renderShortcuts();
  renderProgress(s.progress);
  view = new AudioView({ onRegionsEdited: (regions) => { state.draft = regions; renderReadout(); } });
  for (const id of ['f-status', 'f-label', 'f-min', 'f-max', 'f-recording']) $(id).addEventListener('change', () => reload(0));
  document.addEventListener('keydown', onKey);
  $('comment').addEventListener('keydown', onCommentKey);
  await reload(0);
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

function option(value, text) {
  const o = el('option', text);
  o.value = value;
  return o;
}

function filterQuery(offset) {
  const q = new URLSearchParams({ status: $('f-status').value, offset: String(offset), limit: String(PAGE) });
  if ($('f-label').value) q.set('label', $('f-label').value);
  if ($('f-min').value !== '') q.set('min', $('f-min').value);
  if ($('f-max').value !== '') q.set('max', $('f-max').value);
  if ($('f-recording').value) q.set('recording', $('f-recording').value);
  return q;
}

/** Loads a page of the queue and shows its first item (or `keepId` when it is in the page). */
async function reload(offset, keepId) {
  const page = await getJson(`/api/queue?${filterQuery(offset)}`);
  state.queue = page.items;
  state.total = page.total;
  state.offset = page.offset;
  state.prefetch.clear();
  renderProgress(page.progress);
  const at = keepId === undefined ? 0 : Math.max(0, state.queue.findIndex((i) => i.id === keepId));
  await showIndex(at);
}

function renderQueue() {
  const list = $('queue');
  list.replaceChildren();
  state.queue.forEach((item, i) => {
    const li = el('li');
    li.dataset.id = item.id;
    if (i === state.index) li.className = 'current';
    li.append(el('span', `${item.label} ${item.probability === null ? '—' : item.probability.toFixed(2)}`), el('span', `${item.audio_file.split('/').pop()} ${fmt(item.start)}`), el('span', item.mine ? item.mine.status : '', 'st'));
    li.addEventListener('click', () => showIndex(i));
    list.append(li);
  });
  $('queue-count').textContent = state.total === 0 ? 'nothing matches' : `${state.offset + Math.min(state.index + 1, state.queue.length)} of ${state.total}`;
  list.querySelector('.current')?.scrollIntoView({ block: 'nearest' });
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
  if (!state.prefetch.has(key)) state.prefetch.set(key, audioSlice(item.audio_file, range.start, range.end).then((audio) => ({ audio, range })));
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
  renderQueue();
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
  renderItemText(item);
  const { audio, range } = await fetchSlice(item);
  if (state.item !== item) return;
  await view.show(audio, range.start, state.draft, state.selected);
  if (state.item !== item) return;
  renderReadout();
  $('main').dataset.item = item.id;
  window.annotateTimings = window.annotateTimings ?? [];
  const now = performance.now();
  window.annotateFirstDrawMs = window.annotateFirstDrawMs ?? now; // since navigation start
  window.annotateTimings.push({ item: item.id, ms: now - t0, sinceKeyMs: state.keyAt === null ? null : now - state.keyAt });
  state.keyAt = null;
}

function renderItemText(item) {
  $('item-file').textContent = item.audio_file;
  $('item-time').textContent = `${fmt(item.start)}–${fmt(item.end)} s`;
  $('item-suggested').textContent = item.added_by ? `added by ${item.added_by}` : `suggested ${item.label} ${item.probability === null ? '' : `(${item.probability.toFixed(2)})`}`;
  $('item-mine').textContent = item.mine ? item.mine.status : '';
  $('item-conflict').hidden = !item.conflict;
  renderLabels(item);
  renderActions();
  renderVersions(item);
}

function renderLabels(item) {
  const box = $('labels');
  box.replaceChildren();
  const current = state.draft[state.selected]?.label;
  state.session.labels.forEach((label, i) => {
    const b = el('button', undefined, `label-btn${label === current ? ' chosen' : ''}`);
    b.type = 'button';
    const p = item.probabilities[label];
    const bar = el('span', undefined, 'bar');
    const fill = el('i');
    fill.style.width = `${Math.round((p ?? 0) * 100)}%`;
    bar.append(fill);
    b.append(el('kbd', i + 1), el('span', `${label} ${p === undefined ? '' : p.toFixed(2)}`), bar);
    b.addEventListener('click', () => run({ action: 'relabel', index: i }));
    box.append(b);
  });
}

function renderActions() {
  const box = $('actions');
  if (box.childElementCount > 0) return;
  const buttons = [['accept', 'a'], ['split', 't'], ['delete', 'x'], ['add', 'n'], ['skip', 's'], ['uncertain', 'u'], ['undo', 'z'], ['play', 'Space'], ['play-context', 'v'], ['prev', 'k'], ['next', 'j']];
  for (const [action, key] of buttons) {
    const b = el('button');
    b.type = 'button';
    b.dataset.action = action;
    b.append(el('span', `${action.replace('-', ' ')} `), el('kbd', key));
    b.addEventListener('click', () => run({ action }));
    box.append(b);
  }
}

function renderReadout() {
  const box = $('regions-readout');
  box.replaceChildren();
  state.draft.forEach((r, i) => box.append(el('div', `${i === state.selected ? '▶' : ' '} ${fmt(r.start)}–${fmt(r.end)} s  ${r.label}`, i === state.selected ? 'sel' : '')));
}

function renderVersions(item) {
  const list = $('versions');
  list.replaceChildren();
  item.versions.forEach((v, i) => {
    const li = el('li');
    const text = `${v.annotator} (${v.role}): ${v.status} ${v.regions.map((r) => `${fmt(r.start)}–${fmt(r.end)} ${r.label}`).join(', ')}`;
    li.append(el('span', text));
    if (state.session.role === 'reviewer' && v.role !== 'reviewer') {
      const b = el('button', `take `);
      b.type = 'button';
      b.dataset.resolve = v.annotator;
      b.append(el('kbd', `Shift+${i + 1}`));
      b.addEventListener('click', () => run({ action: 'resolve', index: i }));
      li.append(' ', b);
    }
    list.append(li);
  });
  const comments = $('comments');
  comments.replaceChildren();
  for (const c of item.comments) comments.append(el('li', `${c.annotator}: ${c.text}`));
}

function renderProgress(p) {
  $('progress-total').textContent = `${p.done} / ${p.total} done${p.conflicts > 0 ? ` · ${p.conflicts} conflict${p.conflicts === 1 ? '' : 's'}` : ''}`;
  const box = $('progress-classes');
  box.replaceChildren();
  for (const [label, c] of Object.entries(p.perClass)) box.append(el('span', `${label} ${c.done}/${c.total}`));
}

function renderProblems(s) {
  if (s.n_problems === 0) return;
  $('problems').hidden = false;
  $('problems-summary').textContent = `${s.n_problems} input rows skipped`;
  for (const p of s.problems) $('problems-list').append(el('li', p));
}

function renderShortcuts() {
  const table = $('shortcuts');
  for (const s of SHORTCUTS) {
    const tr = el('tr');
    const keys = el('td');
    s.keys.forEach((k, i) => keys.append(i > 0 ? ' ' : '', el('kbd', k)));
    tr.append(keys, el('td', s.text));
    table.append(tr);
  }
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
    save({ item: state.item.id, action: 'comment', comment: text }, { stay: true }).then((ok) => {
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
    case 'undo': return save({ item: item?.id ?? '', action: 'undo' }, { undo: true });
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
      return renderReadout();
    }
    case 'select':
      state.selected = (state.selected + 1) % Math.max(1, state.draft.length);
      view.draw(state.draft, state.selected);
      return renderReadout();
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
      return save({ item: item.id, action: 'add', regions: [{ start: round(s0), end: round(e0), label: r?.label ?? state.session.labels[0] }] }, { stay: true });
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

/** Sends an action; shows "saved" only once the server confirmed it was written to the log. */
async function save(body, { stay = false, undo = false } = {}) {
  state.busy = true;
  saveStatus('saving', 'saving…');
  try {
    const result = await postAction(body);
    saveStatus('saved', `saved ${body.action}`);
    renderProgress(result.progress);
    if (undo || stay) {
      if (result.item && !result.item.id.startsWith('add:') || undo) {
        const at = state.queue.findIndex((i) => i.id === result.item?.id);
        if (result.item && at >= 0) state.queue[at] = result.item;
        else if (result.item) state.queue.splice(state.index, 0, result.item);
        state.busy = false;
        return showIndex(result.item ? state.queue.findIndex((i) => i.id === result.item.id) : state.index).then(() => true);
      }
      state.busy = false;
      return true;
    }
    if (result.item) state.queue[state.index] = result.item;
    state.busy = false;
    await showIndex(state.index + 1);
    return true;
  } catch (error) {
    state.busy = false;
    saveStatus('error', `not saved: ${error.message}`);
    return false;
  }
}

start().catch((error) => saveStatus('error', String(error.message ?? error)));
