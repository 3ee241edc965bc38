/** Text PostgreSQL can store: the one rule the API edge, the deciders and the store agree on. */

// U+0000 cannot be stored in PostgreSQL text or jsonb; a lone UTF-16 surrogate is not a character at all.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of `value` that cannot be stored, named for a user (U+0000, U+D800...), or undefined. */
export function unstorableCharacter(value: string): string | undefined {
  const m = UNSTORABLE.exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** Every string inside a JSON value with a character that cannot be stored, as dotted paths (`a.b.0`). */
export function unstorablePaths(value: unknown, path = ''): Array<{ path: string; character: string }> {
  if (typeof value === 'string') {
    const c = unstorableCharacter(value);
    return c ? [{ path, character: c }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const out: Array<{ path: string; character: string }> = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = unstorableCharacter(k);
    const at = path ? `${path}.${k}` : k;
    if (key) out.push({ path: at, character: key });
    out.push(...unstorablePaths(v, at));
  }
  return out;
}
