// Every action's keyboard shortcut, in one table: the page shows it and the key handler reads it.
export const SHORTCUTS = [
  { keys: ['a', 'Enter'], action: 'accept', text: 'accept (saved as adjust when boundaries moved)' },
  { keys: ['1…9'], action: 'relabel', text: 'relabel as class 1…9' },
  { keys: ['q', 'w'], action: 'start', text: 'start boundary −/+ 50 ms (Shift: 10 ms)' },
  { keys: ['o', 'p'], action: 'end', text: 'end boundary −/+ 50 ms (Shift: 10 ms)' },
  { keys: ['Tab'], action: 'select', text: 'select next region' },
  { keys: ['t'], action: 'split', text: 'split region at the cursor (or middle)' },
  { keys: ['x', 'Delete'], action: 'delete', text: 'delete region' },
  { keys: ['n'], action: 'add', text: 'add a missed region at the cursor' },
  { keys: ['s'], action: 'skip', text: 'skip' },
  { keys: ['u'], action: 'uncertain', text: 'mark uncertain' },
  { keys: ['c'], action: 'comment', text: 'comment (Enter saves, Esc leaves)' },
  { keys: ['z', 'Ctrl+Z'], action: 'undo', text: 'undo my last action' },
  { keys: ['Space'], action: 'play', text: 'play the segment' },
  { keys: ['v'], action: 'play-context', text: 'play with context' },
  { keys: ['j', '↓'], action: 'next', text: 'next item' },
  { keys: ['k', '↑'], action: 'prev', text: 'previous item' },
  { keys: ['Shift+1…9'], action: 'resolve', text: 'reviewer: take version 1…9' },
];

/** Maps a keydown event to an action name and an argument (class or version number, step size). */
export function actionOf(event) {
  const k = event.key;
  const fine = event.shiftKey;
  if ((event.ctrlKey || event.metaKey) && k.toLowerCase() === 'z') return { action: 'undo' };
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const digit = /^Digit([1-9])$/.exec(event.code);
  if (digit && event.shiftKey) return { action: 'resolve', index: Number(digit[1]) - 1 };
  if (digit) return { action: 'relabel', index: Number(digit[1]) - 1 };
  switch (k.toLowerCase()) {
    case 'a': case 'enter': return { action: 'accept' };
    case 'q': return { action: 'start', delta: fine ? -0.01 : -0.05 };
    case 'w': return { action: 'start', delta: fine ? 0.01 : 0.05 };
    case 'o': return { action: 'end', delta: fine ? -0.01 : -0.05 };
    case 'p': return { action: 'end', delta: fine ? 0.01 : 0.05 };
    case 'tab': return { action: 'select' };
    case 't': return { action: 'split' };
    case 'x': case 'delete': return { action: 'delete' };
    case 'n': return { action: 'add' };
    case 's': return { action: 'skip' };
    case 'u': return { action: 'uncertain' };
    case 'c': return { action: 'comment' };
    case 'z': return { action: 'undo' };
    case ' ': return { action: 'play' };
    case 'v': return { action: 'play-context' };
    case 'j': case 'arrowdown': return { action: 'next' };
    case 'k': case 'arrowup': return { action: 'prev' };
    default: return undefined;
  }
}
