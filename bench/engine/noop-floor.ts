// The least a Node process must do for a no-op over a directory dependency, as a reference for `pipe repro`:
// start, read the state file, list the directory and stat every file in it, comparing each stat with nothing
// but a counter, through the same stat call the engine uses (fast-stat.ts). No project, pipeline, lock or module
// graph. Prints the number of files it stat'ed.
// Usage: node dist/bench/engine/noop-floor.js DIR STATE_FILE
import { readdirSync, readFileSync } from 'node:fs';
import { statFile } from '../../src/engine/hash/fast-stat.js';

const [dir, stateFile] = process.argv.slice(2);
if (dir === undefined || stateFile === undefined) throw new Error('usage: noop-floor DIR STATE_FILE');
const state = readFileSync(stateFile);
let files = 0;
let bytes = 0;
const visit = (at: string): void => {
  for (const name of readdirSync(at).sort()) {
    const st = statFile(`${at}/${name}`);
    if (st.isDirectory) visit(`${at}/${name}`);
    else {
      files++;
      bytes += st.size;
    }
  }
};
visit(dir);
process.stdout.write(`${files} files, ${bytes} bytes, state ${state.length} bytes\n`);
