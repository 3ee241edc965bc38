/**
 * Hostile requests generated from the API's own OpenAPI document with fast-check: for one operation, a
 * valid-looking request (path ids, a body that follows the schema) with exactly one mutation that makes it
 * invalid (a wrong type, a missing or unknown field, a value beyond its limit, U+0000, a lone surrogate,
 * blank text, an impossible date, a prototype key, 5,000-deep nesting, SQL and path metacharacters in a
 * parameter). Exotic but valid text (RTL, combining marks) fills the other fields.
 */
import fc from 'fast-check';

/** The parts of an OpenAPI schema the generator reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
}

/** One operation of the document. */
export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly pathParams: string[];
  readonly query: Array<{ name: string; schema: Schema }>;
  readonly body?: Schema;
}

/** A request to send, and what it broke. */
export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  /** A JSON value, or raw text (sent as is). */
  readonly body?: unknown;
  readonly raw?: string;
  /** Which input was made invalid (`body.initiatives.0.title`, `query.before`, `path.id`). */
  readonly broke: string;
  /** The field name a 400 must mention (the last segment of a body path). */
  readonly field?: string;
  readonly how: string;
}

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Array<{ in: string; name: string; schema?: Schema }>; requestBody?: { content?: Record<string, { schema?: Schema }> } }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
};

/** Every operation of the document, with references resolved. */
export function operationsOf(doc: Doc): Operation[] {
  const resolve = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s || depth > 10) return s;
    if (s.$ref) return resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!], depth + 1);
    if (s.allOf?.length) return resolve(Object.assign({}, ...s.allOf.map((a) => resolve(a, depth + 1))), depth + 1);
    const out: Schema = { ...s };
    if (s.items) out.items = resolve(s.items, depth + 1);
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, depth + 1)!]));
    return out;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(p.schema) ?? { type: 'string' } })),
        body: resolve(op.requestBody?.content?.['application/json']?.schema),
      });
    }
  }
  return ops;
}

/** Text that is unusual but valid: right-to-left, combining marks, emoji, Vietnamese in decomposed form. */
const exoticText = fc.constantFrom(
  'Ủy ban nhân dân',
  'مرحبا بالعالم',
  'שלום',
  'e\u0301\u0302\u0323',
  'Tiếng Việt'.normalize('NFD'),
  '👩‍💼 Cán bộ',
  'A\u202Eevil',
  'Đơn vị (ĐV) – số 1',
);

/** A value the schema accepts (as far as the schema says; business rules may still refuse it). */
function validValue(s: Schema, filler: string): unknown {
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => validValue(s.items ?? { type: 'string' }, filler));
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const k of s.required ?? []) o[k] = validValue(s.properties?.[k] ?? { type: 'string' }, filler);
      return o;
    }
    default:
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'email') return 'van-thu@phuong.gov.vn';
      if (s.pattern) return 'fuzz-don-vi';
      return filler.slice(0, s.maxLength ?? 200);
  }
}

/** Values the schema refuses, each with a name for the summary. */
function invalidValues(s: Schema): fc.Arbitrary<{ value: unknown; how: string }> {
  const v = (how: string, value: unknown) => fc.constant({ value, how });
  const options: Array<fc.Arbitrary<{ value: unknown; how: string }>> = [v('null', null)];
  const t = s.enum?.length ? 'enum' : s.type;
  if (t === 'enum') options.push(v('not in enum', 'khong-co-trong-danh-sach'), v('enum case', String(s.enum![0]).toUpperCase() + 'X'));
  if (t === 'string' || t === 'enum') {
    options.push(v('number for text', 42), v('array for text', ['a']), v('object for text', { a: 1 }));
    options.push(v('U+0000', 'a\u0000b'), v('lone surrogate', 'x\uD800y'), v('lone low surrogate', '\uDC00'));
    if (s.maxLength !== undefined) options.push(v('over maxLength', 'ạ'.repeat(s.maxLength + 1)));
    if ((s.minLength ?? 0) >= 1) options.push(v('blank', ' \t\u3000 '), v('empty', ''));
    if (s.format === 'date-time')
      options.push(v('impossible date', '2026-02-30T08:00:00+07:00'), v('not a date', '1'), v('six-digit year', '+099999-01-01T00:00:00Z'));
    if (s.format === 'email') options.push(v('not an e-mail', 'khong-phai-email'));
    if (s.pattern)
      options.push(v('pattern: SQL', "x' OR '1'='1"), v('pattern: path', '../../etc/passwd'), v('pattern: spaces', 'Đơn Vị Mới'));
  }
  if (t === 'integer' || t === 'number') {
    options.push(v('text for number', 'mười'), v('NaN-ish', 'NaN'), v('boolean for number', true));
    if (s.minimum !== undefined) options.push(v('below minimum', s.minimum - 1));
    if (s.maximum !== undefined) options.push(v('above maximum', s.maximum + 1));
    if (t === 'integer') options.push(v('fraction', 1.5));
  }
  if (t === 'boolean') options.push(v('text for boolean', 'có'), v('number for boolean', 1));
  if (t === 'array') {
    options.push(v('object for array', { 0: 'a' }), v('text for array', 'a,b'));
    if (s.maxItems !== undefined)
      options.push(
        v(
          'over maxItems',
          Array.from({ length: s.maxItems + 1 }, () => validValue(s.items ?? { type: 'string' }, 'x')),
        ),
      );
    if ((s.minItems ?? 0) >= 1) options.push(v('empty array', []));
  }
  if (t === 'object') options.push(v('array for object', [1]), v('text for object', 'x'));
  return fc.oneof(...options);
}

/** Leaves of a body schema a mutation can reach: dotted paths with their schema (free-form objects are leaves). */
function leaves(s: Schema, prefix = ''): Array<{ path: string; schema: Schema; required: boolean }> {
  const out: Array<{ path: string; schema: Schema; required: boolean }> = [];
  for (const [k, child] of Object.entries(s.properties ?? {})) {
    const path = prefix ? `${prefix}.${k}` : k;
    const required = (s.required ?? []).includes(k);
    out.push({ path, schema: child, required });
    if (child.type === 'object' && child.properties && child.additionalProperties !== true) out.push(...leaves(child, path));
    if (child.type === 'array' && child.items?.properties)
      out.push(...leaves(child.items, `${path}.0`).map((l) => ({ ...l, required: l.required })));
  }
  return out;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown, remove = false): void {
  const parts = path.split('.');
  let o: any = target;
  for (const p of parts.slice(0, -1)) {
    if (o[p] === undefined || o[p] === null || typeof o[p] !== 'object') o[p] = /^\d+$/.test(parts[parts.indexOf(p) + 1] ?? '') ? [{}] : {};
    o = o[p];
  }
  const last = parts[parts.length - 1];
  if (remove) delete o[last];
  else Object.defineProperty(o, last, { value, enumerable: true, configurable: true, writable: true });
}

/** Hostile path or query parameter values (never a real id). */
const hostileParam = fc.constantFrom(
  { value: 'a\u0000b', how: 'U+0000' },
  { value: "x' OR 1=1 --", how: 'SQL' },
  { value: '../../etc/passwd', how: 'path traversal' },
  { value: '%', how: 'lone percent' },
  { value: '\uD800', how: 'lone surrogate' },
  { value: 'ạ'.repeat(600), how: 'oversized' },
  { value: '\u202Eabc', how: 'RTL override' },
  { value: '__proto__', how: 'prototype key' },
  { value: ' ', how: 'blank' },
);

/** Encodes a parameter the way a browser would; lone surrogates and NUL are sent percent-encoded as bytes. */
function encodeParam(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split('')
      .map((c) => (c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(c)))
      .join('');
  }
}

/** The request generator of one operation; `ids` gives real values for path parameters. */
export function hostileRequests(op: Operation, ids: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const path = (override?: { name: string; value: string }): string =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeParam(override?.name === name ? override.value : (ids[name] ?? 'khong-co')));
  const kinds: Array<fc.Arbitrary<FuzzRequest>> = [];
  const hasBody = op.body !== undefined && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method);
  const baseBody = (filler: string): Record<string, unknown> => (hasBody ? (validValue(op.body, filler) as Record<string, unknown>) : {});
  const send = (url: string, body: unknown, broke: string, how: string, field?: string): FuzzRequest => ({
    method: op.method,
    url,
    body: hasBody ? body : undefined,
    broke,
    how,
    field,
  });

  for (const name of op.pathParams) {
    kinds.push(
      fc
        .tuple(hostileParam, exoticText)
        .map(([h, filler]) => send(path({ name, value: h.value }), baseBody(filler), `path.${name}`, h.how)),
    );
  }
  for (const q of op.query) {
    const queryValue = fc.oneof(
      hostileParam,
      invalidValues(q.schema)
        .filter((x) => x.value !== null)
        .map((x) => ({ value: typeof x.value === 'string' ? x.value : JSON.stringify(x.value), how: x.how })),
    );
    // A string query parameter takes any text as a search: only values beyond its limits are invalid there.
    const arb =
      q.schema.type === 'string' && !q.schema.enum && !q.schema.format && !q.schema.pattern
        ? fc.constantFrom({ value: 'a\u0000b', how: 'U+0000' }, { value: 'ạ'.repeat((q.schema.maxLength ?? 2000) + 1), how: 'oversized' })
        : queryValue;
    kinds.push(
      arb.map((h) => ({
        method: op.method,
        url: `${path()}?${q.name}=${encodeParam(h.value)}`,
        body: hasBody ? baseBody('Nội dung') : undefined,
        broke: `query.${q.name}`,
        how: h.how,
      })),
    );
  }
  if (op.method !== 'GET') {
    // An unknown query parameter is not refused (browsers add cache busters); unknown body fields are.
  }
  if (hasBody) {
    const fields = leaves(op.body);
    if (fields.length) {
      const pick = fc.constantFrom(...fields);
      kinds.push(
        fc.tuple(pick, exoticText).chain(([f, filler]) =>
          invalidValues(f.schema).map((bad) => {
            const body = baseBody(filler);
            setAt(body, f.path, bad.value);
            return send(path(), body, `body.${f.path}`, bad.how, f.path.split('.').pop());
          }),
        ),
      );
      const required = fields.filter((f) => f.required);
      if (required.length)
        kinds.push(
          fc.tuple(fc.constantFrom(...required), exoticText).map(([f, filler]) => {
            const body = baseBody(filler);
            setAt(body, f.path, undefined, true);
            return send(path(), body, `body.${f.path}`, 'missing', f.path.split('.').pop());
          }),
        );
    }
    const known = new Set(fields.map((f) => f.path.split('.').pop()!));
    const unknownKey = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype', 'isAdmin', 'role"; DROP TABLE accounts; --'),
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.has(k) && !/^\d+$/.test(k)),
    );
    kinds.push(
      fc.tuple(unknownKey, exoticText).map(([key, filler]) => {
        const body = baseBody(filler);
        Object.defineProperty(body, key, { value: 1, enumerable: true, configurable: true, writable: true });
        return send(path(), body, `body.${key}`, 'unknown field', key);
      }),
    );
    kinds.push(
      fc
        .constantFrom(
          { raw: '{"a":'.repeat(5000) + '1' + '}'.repeat(5000), how: '5,000-deep nesting' },
          { raw: '[1,2,3]', how: 'array body' },
          { raw: '"text"', how: 'string body' },
          { raw: '{"a":', how: 'truncated JSON' },
          { raw: '{"a":1,"a":2}'.replace('"a"', '"\\u0000"'), how: 'NUL key' },
        )
        .map(({ raw, how }) => ({ method: op.method, url: path(), raw, broke: 'body', how })),
    );
  }
  if (kinds.length === 0) {
    // Nothing to break but the path itself: an unknown sub-resource.
    kinds.push(hostileParam.map((h) => ({ method: op.method, url: `${path()}/${encodeParam(h.value)}`, broke: 'path', how: h.how })));
  }
  return fc.oneof(...kinds);
}
