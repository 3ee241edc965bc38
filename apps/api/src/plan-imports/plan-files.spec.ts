/** Reading plan files without a server: the zip guard on real archives, the text of a .docx and of a .txt. */
import { docxOf, zipDeclaring } from '@thidua/testing';
import { PlanFileError, textOfPlanFile, unzippedSize } from './plan-files';

describe('unzippedSize', () => {
  const content = Buffer.alloc(4 * 1024 * 1024, 0x20);

  it('gives what an honest archive unzips to, checked by inflating each entry', () => {
    expect(unzippedSize(zipDeclaring('word/document.xml', content, content.length), 64 * 1024 * 1024)).toBe(content.length);
  });

  it('refuses an archive that inflates past the size it declares, and one that declares too much without unpacking it', () => {
    expect(unzippedSize(zipDeclaring('word/document.xml', content, 1024), 64 * 1024 * 1024)).toBeUndefined();
    expect(unzippedSize(zipDeclaring('word/document.xml', Buffer.from('x'), 100 * 1024 * 1024), 64 * 1024 * 1024)).toBe(100 * 1024 * 1024);
  });

  it('is undefined for bytes that are no zip or a cut one', async () => {
    const docx = await docxOf(['Kế hoạch']);
    expect(unzippedSize(Buffer.from('Kế hoạch thi đua'), 1024)).toBeUndefined();
    expect(unzippedSize(docx.subarray(0, docx.length - 30), 1024 * 1024)).toBeUndefined();
    expect(unzippedSize(Buffer.alloc(0), 1024)).toBeUndefined();
  });
});

describe('textOfPlanFile', () => {
  it('gives one line per Word paragraph and a blank line per empty one', async () => {
    const lines = [
      'ỦY BAN NHÂN DÂN XÃ AN PHÚ',
      '',
      'KẾ HOẠCH',
      '**Phát động phong trào thi đua năm 2027**',
      '',
      '',
      'Hạn đăng ký: 15/3/2027.',
    ];
    expect(await textOfPlanFile('ke-hoach.docx', await docxOf(lines))).toBe(lines.join('\n').replace(/\*\*/g, ''));
  });

  it('refuses a declared size over 64 MiB as too large, naming the file', async () => {
    const err = await textOfPlanFile('lon.docx', zipDeclaring('word/document.xml', Buffer.from('x'), 100 * 1024 * 1024)).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PlanFileError);
    expect(err).toMatchObject({ reason: 'too-large', message: expect.stringContaining('"lon.docx"') });
  });
});
