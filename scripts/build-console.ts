/** Builds the web console (apps/console) into dist/console. */
import { join } from 'node:path';
import { buildConsole, REPO_ROOT } from '@thidua/devkit';

if (require.main === module) {
  buildConsole(join(REPO_ROOT, 'dist/console')).catch((err: unknown) => {
    process.stderr.write(`console build failed: ${String(err)}\n`);
    process.exit(1);
  });
}
