/**
 * Refuses, before anything else reads it, input no endpoint may receive, with 400 naming each field:
 * - text PostgreSQL cannot store (U+0000, lone surrogates) in a path or query parameter or anywhere in a
 *   body: such text used to be accepted by a workflow and then refused by the store forever;
 * - keys that name Object.prototype members (`__proto__`, `constructor`, `hasOwnProperty`...) anywhere in a
 *   body: no field is called that, and the object mapper skipped them silently instead of refusing them.
 * Nesting depth is capped earlier, on the raw bytes (see {@link jsonDepthGuard}).
 */
import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { unstorableCharacter } from '@thidua/contracts';
import { InvalidInputException, type FieldProblem } from './validation';

const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Every problem inside a parameter or body value, as field problems (paths like `initiatives.0.title`). */
export function unsafeInput(value: unknown, path: string): FieldProblem[] {
  const at = (k: string): string => (path ? `${path}.${k}` : k);
  if (typeof value === 'string') {
    const c = unstorableCharacter(value);
    return c ? [{ field: path, rule: 'storableText', message: `${path}: chứa ký tự không hợp lệ (${c})` }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  const out: FieldProblem[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = unstorableCharacter(k);
    if (c) out.push({ field: at(k), rule: 'storableText', message: `${at(k)}: tên trường chứa ký tự không hợp lệ (${c})` });
    else if (!Array.isArray(value) && PROTOTYPE_KEYS.has(k))
      out.push({ field: at(k), rule: 'whitelistValidation', message: `${at(k)}: trường này không được phép` });
    out.push(...unsafeInput(v, at(k)));
  }
  return out;
}

@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problems = unsafeInput(value, metadata.data ?? '').map((p) =>
      p.field ? p : { ...p, field: metadata.type, message: `${metadata.type}${p.message}` },
    );
    if (problems.length) throw new InvalidInputException(problems);
    return value;
  }
}

/** Deepest nesting any request body may have: the deepest real one (a campaign definition) has 4 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * A body-parser `verify` hook: refuses JSON nested deeper than {@link MAX_JSON_DEPTH} before it is parsed
 * into objects (5,000 levels overflowed the stack of the object mapper: a 500 for 25 KB of brackets).
 */
export function jsonDepthGuard(_req: IncomingMessage, _res: unknown, buf: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new BadRequestException(`Dữ liệu JSON lồng nhau quá sâu (tối đa ${MAX_JSON_DEPTH} cấp)`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}
