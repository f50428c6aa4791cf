// @ts-check
// A memo of a passed check, so that the next start of the same stage costs a few stat calls instead of reading and
// hashing every module: the file identity (size, mtime, ctime, inode) of the build record, of each compiled module
// and of each source, taken after the content check. Any write to a file changes its ctime (which, unlike mtime, no
// tool sets back), so an unchanged identity means unchanged content. A file changed less than RACY_MS before the
// check began is not memoised (timestamps are coarse; such a file could change again within the same tick).
// Memos live in dist/.stage-launch/ (build output); failing to write one only costs the next start a full check.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const RACY_MS = 1000;
const FORMAT = 1;

/**
 * @typedef {object} LaunchStamp
 * @property {string} modulePath  the compiled module the stage runs
 * @property {number} checkedModules  how many compiled modules the check covered
 */

/**
 * The memo path for a stage's source, in the folder of the build record.
 * @param {string} recordPath
 * @param {string} stageSource  absolute path
 */
function stampPath(recordPath, stageSource) {
  return join(dirname(recordPath), '.stage-launch', `${stageSource.replace(/[^\w.-]+/g, '+')}.json`);
}

/**
 * The identity of a file: size, mtime, ctime, inode; undefined when it cannot be read.
 * @param {string} path
 * @returns {number[] | undefined}
 */
function identity(path) {
  try {
    const s = statSync(path);
    return [s.size, s.mtimeMs, s.ctimeMs, s.ino];
  } catch {
    return undefined;
  }
}

/**
 * The memo of a passed check for `stageSource` if every file it covers is unchanged since, else undefined.
 * @param {string} recordPath
 * @param {string} stageSource
 * @returns {LaunchStamp | undefined}
 */
export function readLaunchStamp(recordPath, stageSource) {
  /** @type {unknown} */
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath(recordPath, stageSource), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof stamp !== 'object' || stamp === null) return undefined;
  const { format, modulePath, checkedModules, files } = /** @type {Record<string, unknown>} */ (stamp);
  if (format !== FORMAT || typeof modulePath !== 'string' || typeof checkedModules !== 'number' || !Array.isArray(files)) return undefined;
  for (const entry of files) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') return undefined;
    const now = identity(entry[0]);
    if (now === undefined || now.some((v, i) => v !== entry[i + 1])) return undefined;
  }
  return { modulePath, checkedModules };
}

/**
 * Memoises a passed check that began at `checkStartMs` (Date.now()) and covered `files` (absolute paths); does
 * nothing when a file changed too recently or the memo cannot be written.
 * @param {string} recordPath
 * @param {string} stageSource
 * @param {LaunchStamp} stamp
 * @param {readonly string[]} files
 * @param {number} checkStartMs
 */
export function writeLaunchStamp(recordPath, stageSource, stamp, files, checkStartMs) {
  const entries = [];
  for (const file of files) {
    const id = identity(file);
    if (id === undefined || /** @type {number} */ (id[2]) >= checkStartMs - RACY_MS) return;
    entries.push([file, ...id]);
  }
  const path = stampPath(recordPath, stageSource);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, JSON.stringify({ format: FORMAT, ...stamp, files: entries }));
    renameSync(temp, path);
  } catch {
    // a read-only dist/ (or a full disk): the next start checks in full again
    rmSync(temp, { force: true });
  }
}
