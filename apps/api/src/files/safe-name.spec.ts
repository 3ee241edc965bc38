import { safeFileName } from './safe-name';

describe('safeFileName', () => {
  it('keeps the last path segment only, whichever separator the sender used', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\ke-toan\\Báo cáo quý I.pdf')).toBe('Báo cáo quý I.pdf');
  });

  it('writes Vietnamese letters composed, whatever form they were sent in', () => {
    const decomposed = 'Bie\u0302n ba\u0309n ho\u0323p.pdf';
    expect(safeFileName(decomposed)).toBe('Biên bản họp.pdf');
    expect(safeFileName(decomposed)).toHaveLength('Biên bản họp.pdf'.length);
  });

  it('drops control and bidirectional-override characters that disguise a name', () => {
    expect(safeFileName('hoa-don\u202Efdp.exe')).toBe('hoa-donfdp.exe');
    expect(safeFileName('a\u0000b\tc.pdf')).toBe('abc.pdf');
  });

  it('replaces characters file systems refuse, trims dots and spaces, and names an empty result', () => {
    expect(safeFileName('  tờ trình: "số 5"?.pdf  ')).toBe('tờ trình_ _số 5__.pdf');
    expect(safeFileName('...')).toBe('tep');
    expect(safeFileName(undefined)).toBe('tep');
  });

  it('shortens a long name to 200 characters and keeps its extension', () => {
    const name = safeFileName(`${'ả'.repeat(300)}.docx`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('ả.docx')).toBe(true);
  });
});
