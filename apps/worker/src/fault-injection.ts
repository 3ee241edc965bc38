import { existsSync, writeFileSync } from 'node:fs';
import type { AppConfig } from '@thidua/config';

/**
 * Test-only fault injection (FAULT_CRASH_AFTER_COMMIT_MARKER, optionally narrowed by FAULT_CRASH_AFTER_EVENT):
 * the first time it is called after a store commit holding one of the armed event types, the worker creates
 * the marker file and kills itself, so neither the activity nor the workflow task reports completion.
 */
export function crashAfterCommitIfInjected(config: AppConfig | undefined, committedTypes: readonly string[]): void {
  const marker = config?.crashAfterCommitMarker;
  if (!marker || existsSync(marker)) return;
  const armed = config.crashAfterEventTypes;
  if (armed.length > 0 && !committedTypes.some((t) => armed.includes(t))) return;
  writeFileSync(marker, String(process.pid));
  process.kill(process.pid, 'SIGKILL');
}
