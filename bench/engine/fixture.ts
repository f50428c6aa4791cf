// Builds the benchmark project: 10,000 small files and one 1 GB file as deps of a three-stage pipeline,
// plus the equivalent Snakefile.
import { mkdirSync, openSync, writeFileSync, writeSync, closeSync, existsSync } from 'node:fs';
import path from 'node:path';

export const SMALL_FILES = 10_000;
export const SMALL_BYTES = 1024;
export const BIG_BYTES = 1 << 30;

/** Creates the data files (once per directory) and the pipeline definitions. */
export function buildFixture(dir: string): void {
  const small = path.join(dir, 'data', 'small');
  mkdirSync(small, { recursive: true });
  mkdirSync(path.join(dir, 'out'), { recursive: true });
  let seed = 12345;
  const bytes = (n: number): Buffer => {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i += 4) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      b.writeUInt32LE(seed, i);
    }
    return b;
  };
  if (!existsSync(path.join(small, `f${SMALL_FILES - 1}.bin`))) {
    for (let i = 0; i < SMALL_FILES; i++) writeFileSync(path.join(small, `f${i}.bin`), bytes(SMALL_BYTES));
  }
  const big = path.join(dir, 'data', 'big.bin');
  if (!existsSync(big)) {
    const block = bytes(16 << 20);
    const fd = openSync(big, 'w');
    for (let off = 0; off < BIG_BYTES; off += block.length) {
      block.writeUInt32LE(off, 0);
      writeSync(fd, block);
    }
    closeSync(fd);
  }
  writeFileSync(path.join(dir, 'pipeline.yaml'), PIPELINE);
  writeFileSync(path.join(dir, 'Snakefile'), SNAKEFILE);
}

const PIPELINE = `stages:
  count:
    cmd: ls data/small | wc -l > out/count.txt
    deps: [data/small]
    outs: [out/count.txt]
  size:
    cmd: wc -c < data/big.bin > out/size.txt
    deps: [data/big.bin]
    outs: [out/size.txt]
  report:
    cmd: cat out/count.txt out/size.txt > out/report.txt
    deps: [out/count.txt, out/size.txt]
    outs: [out/report.txt]
`;

const SNAKEFILE = `SMALL = expand("data/small/f{i}.bin", i=range(${SMALL_FILES}))

rule all:
    input: "out/report.sm.txt"

rule count:
    input: SMALL
    output: "out/count.sm.txt"
    shell: "ls data/small | wc -l > {output}"

rule size:
    input: "data/big.bin"
    output: "out/size.sm.txt"
    shell: "wc -c < {input} > {output}"

rule report:
    input: "out/count.sm.txt", "out/size.sm.txt"
    output: "out/report.sm.txt"
    shell: "cat {input} > {output}"
`;
