import { changelogSection, newer } from '../scripts/release';

describe('the release script', () => {
  it('takes only a later x.y.z', () => {
    expect(newer('0.2.0', '0.1.0')).toBe(true);
    expect(newer('0.10.0', '0.9.3')).toBe(true);
    expect(newer('1.0.0', '0.99.99')).toBe(true);
    expect(newer('0.1.0', '0.1.0')).toBe(false);
    expect(newer('0.1.9', '0.2.0')).toBe(false);
  });

  it('writes the changes since the last release as one section', () => {
    expect(changelogSection('0.2.0', '2026-12-05', ['npm run recover: workflows from the log', 'npm run backup'])).toBe(
      '## v0.2.0 (2026-12-05)\n\n- npm run recover: workflows from the log\n- npm run backup\n',
    );
    expect(changelogSection('0.2.1', '2026-12-06', [])).toBe('## v0.2.1 (2026-12-06)\n\n- No changes.\n');
  });
});
