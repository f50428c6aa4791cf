// The page's rendering: every string from the server or a person goes in with textContent (el), never as markup.
import { SHORTCUTS } from './keys.js';

const $ = (id) => document.getElementById(id);

/** An element with text content (never parsed as HTML). */
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

export function fmt(t) {
  return Number(t).toFixed(2);
}

export function option(value, text) {
  const o = el('option', text);
  o.value = value;
  return o;
}

/** The queue list; clicking an entry calls onPick(index). */
export function renderQueue(state, onPick) {
  const list = $('queue');
  list.replaceChildren();
  state.queue.forEach((item, i) => {
    const li = el('li');
    li.dataset.id = item.id;
    if (i === state.index) li.className = 'current';
    li.append(el('span', `${item.label} ${item.probability === null ? '—' : item.probability.toFixed(2)}`), el('span', `${item.audio_file.split('/').pop()} ${fmt(item.start)}`), el('span', item.mine ? item.mine.status : '', 'st'));
    li.addEventListener('click', () => onPick(i));
    list.append(li);
  });
  $('queue-count').textContent = state.total === 0 ? 'nothing matches' : `${state.offset + Math.min(state.index + 1, state.queue.length)} of ${state.total}`;
  list.querySelector('.current')?.scrollIntoView({ block: 'nearest' });
}

/** The item's header, classes, actions and versions; `run` performs an action of the keyboard table. */
export function renderItem(state, item, run) {
  $('item-file').textContent = item.audio_file;
  $('item-time').textContent = `${fmt(item.start)}–${fmt(item.end)} s`;
  $('item-suggested').textContent = item.added_by ? `added by ${item.added_by}` : `suggested ${item.label} ${item.probability === null ? '' : `(${item.probability.toFixed(2)})`}`;
  $('item-mine').textContent = item.mine ? item.mine.status : '';
  $('item-conflict').hidden = !item.conflict;
  renderLabels(state, item, run);
  renderActions(run);
  renderVersions(state, item, run);
}

function renderLabels(state, item, run) {
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

function renderActions(run) {
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

/** The regions being edited, the selected one marked. */
export function renderReadout(state) {
  const box = $('regions-readout');
  box.replaceChildren();
  state.draft.forEach((r, i) => box.append(el('div', `${i === state.selected ? '▶' : ' '} ${fmt(r.start)}–${fmt(r.end)} s  ${r.label}`, i === state.selected ? 'sel' : '')));
}

/** Everyone's versions (as far as the role may see) and the comments. */
export function renderVersions(state, item, run) {
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

export function renderProgress(p) {
  $('progress-total').textContent = `${p.done} / ${p.total} done${p.conflicts > 0 ? ` · ${p.conflicts} conflict${p.conflicts === 1 ? '' : 's'}` : ''}`;
  const box = $('progress-classes');
  box.replaceChildren();
  for (const [label, c] of Object.entries(p.perClass)) box.append(el('span', `${label} ${c.done}/${c.total}`));
}

export function renderProblems(s) {
  if (s.n_problems === 0) return;
  $('problems').hidden = false;
  $('problems-summary').textContent = `${s.n_problems} input rows skipped`;
  for (const p of s.problems) $('problems-list').append(el('li', p));
}

export function renderShortcuts() {
  const table = $('shortcuts');
  for (const s of SHORTCUTS) {
    const tr = el('tr');
    const keys = el('td');
    s.keys.forEach((k, i) => keys.append(i > 0 ? ' ' : '', el('kbd', k)));
    tr.append(keys, el('td', s.text));
    table.append(tr);
  }
}
