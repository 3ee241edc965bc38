import { existsSync, writeFileSync } from 'node:fs';
import type { AppConfig } from '../../../libs/config/src';

/**
 * Test-only fault injection (FAULT_CRASH_AFTER_COMMIT_MARKER): the first time it is called after a
 * store commit, the worker creates the marker file and kills itself, so the activity never reports completion.
 */
export function crashAfterCommitIfInjected(config: AppConfig | undefined): void {
  const marker = config?.crashAfterCommitMarker;
  if (!marker || existsSync(marker)) return;
  writeFileSync(marker, String(process.pid));
  process.kill(process.pid, 'SIGKILL');
}
