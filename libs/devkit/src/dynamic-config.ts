/**
 * The Temporal server's dynamic configuration, one file for every topology (docker/dynamicconfig/temporal.yaml):
 * the cluster and docker/compose.yaml read the file; the dev server gets each value as --dynamic-config-value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './tools';

export const DYNAMIC_CONFIG_FILE = join(REPO_ROOT, 'docker', 'dynamicconfig', 'temporal.yaml');

/** Each key's value (the file holds only unconstrained values, one per key). */
export function dynamicConfigValues(file = DYNAMIC_CONFIG_FILE): Record<string, unknown> {
  const parsed = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, Array<{ value: unknown; constraints?: unknown }>>;
  return Object.fromEntries(
    Object.entries(parsed).map(([key, entries]) => {
      if (!Array.isArray(entries) || entries.length !== 1 || entries[0].constraints !== undefined)
        throw new Error(`${file}: ${key} must have exactly one value without constraints`);
      return [key, entries[0].value];
    }),
  );
}
