/**
 * Makes a release: `npm run release -- 1.2.0` on a clean main. It sets the version (package.json and its lock),
 * writes the changes since the last release tag at the top of CHANGELOG.md (each commit's subject), records the
 * upgrade fixture of this release (scripts/upgrade-fixture.ts: the next release is tested starting on it), commits
 * all of it as "Release v1.2.0" and tags that commit v1.2.0.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@thidua/devkit';
import { recordUpgradeFixture } from './upgrade-fixture';

const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();

/** x.y.z, each a number. */
const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/** Whether `next` is a later version than `current` (both x.y.z). */
export function newer(next: string, current: string): boolean {
  const [a, b] = [next, current].map((v) => (SEMVER.exec(v) ?? []).slice(1).map(Number));
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

/** The changelog section of `version`: the subjects of the commits since `since` (all history when none). */
export function changelogSection(version: string, date: string, subjects: readonly string[]): string {
  const lines = subjects.map((s) => `- ${s}`);
  return `## v${version} (${date})\n\n${lines.length ? lines.join('\n') : '- No changes.'}\n`;
}

async function main(): Promise<void> {
  const version = process.argv[2];
  if (!version || !SEMVER.test(version)) throw new Error('Cách dùng (usage): npm run release -- X.Y.Z');
  if (git('status', '--porcelain')) throw new Error('The working tree has changes: commit or stash them first');
  const current = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  if (!newer(version, current)) throw new Error(`v${version} is not newer than the current ${current}`);
  const tags = git('tag', '--list', 'v*', '--sort=-v:refname').split('\n').filter(Boolean);
  const since = tags[0];
  const subjects = git('log', '--no-merges', '--format=%s', ...(since ? [`${since}..HEAD`] : ['HEAD']))
    .split('\n')
    .filter(Boolean);

  execFileSync('npm', ['version', version, '--no-git-tag-version'], { cwd: REPO_ROOT, stdio: 'ignore' });
  const changelog = join(REPO_ROOT, 'CHANGELOG.md');
  const previous = existsSync(changelog) ? readFileSync(changelog, 'utf8').replace(/^# Changelog\n+/, '') : '';
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync(changelog, `# Changelog\n\n${changelogSection(version, date, subjects)}\n${previous}`.trimEnd() + '\n');
  await recordUpgradeFixture(version, (line) => process.stderr.write(`${line}\n`));
  git('add', 'package.json', 'package-lock.json', 'CHANGELOG.md', join('test', 'fixtures', 'upgrade', version));
  git('commit', '-q', '-m', `Release v${version}`);
  git('tag', '-a', `v${version}`, '-m', `v${version}\n\n${subjects.map((s) => `- ${s}`).join('\n')}`);
  process.stdout.write(
    `Released v${version} (${subjects.length} changes since ${since ?? 'the beginning'}); push with: git push --follow-tags\n`,
  );
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`${String((err as Error)?.message ?? err)}\n`);
      process.exit(1);
    },
  );
}
