/** Text PostgreSQL can store: the one rule the API edge, the deciders and the store agree on. */

// U+0000 cannot be stored in PostgreSQL text or jsonb; a lone UTF-16 surrogate is not a character at all.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A slug from Vietnamese words, for ids: "Báo cáo quý I" → "bao-cao-quy-i" (no diacritics, đ → d, dashes). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The first character of `value` that cannot be stored, named for a user (U+0000, U+D800...), or undefined. */
export function unstorableCharacter(value: string): string | undefined {
  const m = UNSTORABLE.exec(value);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}
