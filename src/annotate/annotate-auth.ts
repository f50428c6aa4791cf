// Bearer tokens → the person and role behind them, compared as SHA-256 digests in constant time (the same
// scheme as `pipe serve`'s API tokens).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TokenEntry } from './annotate-config.js';

/** Looks up the person behind an `Authorization: Bearer <token>` header. */
export class TokenAuth {
  private readonly entries: { digest: Buffer; entry: TokenEntry }[];

  constructor(tokens: ReadonlyMap<string, TokenEntry>) {
    this.entries = [...tokens].map(([token, entry]) => ({ digest: sha256(token), entry }));
  }

  /** The token's person, or undefined for a missing or unknown token. */
  check(header: string | undefined): TokenEntry | undefined {
    const match = header === undefined ? null : /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1] === undefined) return undefined;
    const digest = sha256(match[1]);
    let found: TokenEntry | undefined;
    for (const e of this.entries) if (timingSafeEqual(e.digest, digest)) found = e.entry;
    return found;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
