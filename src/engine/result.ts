// Expected outcomes as values: every fallible engine operation returns a Result instead of throwing.

/** Success or a typed failure; `ok` discriminates. */
export type Result<T, F> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: F };

/** Wraps a success value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Wraps a failure value. */
export function fail<F>(error: F): { ok: false; error: F } {
  return { ok: false, error };
}
