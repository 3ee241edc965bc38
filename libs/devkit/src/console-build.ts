/** Builds the web console (apps/console): one bundled script, its stylesheet and index.html, and the user guide beside it. */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildGuide } from './guide-build';
import { REPO_ROOT } from './tools';

export const CONSOLE_SOURCE = join(REPO_ROOT, 'apps/console');

/** Writes the console into `outDir`. */
export async function buildConsole(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(CONSOLE_SOURCE, 'src/main.tsx')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  copyFileSync(join(CONSOLE_SOURCE, 'index.html'), join(outDir, 'index.html'));
  copyFileSync(join(CONSOLE_SOURCE, 'styles.css'), join(outDir, 'styles.css'));
  buildGuide(join(outDir, 'huong-dan'));
}
