// Hashes one file in a fresh process (no state cache) and prints the in-process seconds.
import { statSync } from 'node:fs';
import { hashFile } from '../../src/engine/hash/hash-file.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: hash-one FILE');
const start = performance.now();
const { hash, size } = hashFile(file, statSync(file).size);
process.stdout.write(`${((performance.now() - start) / 1000).toFixed(3)} ${size} ${hash}\n`);
