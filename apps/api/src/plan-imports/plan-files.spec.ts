/** Reading plan files without a server: the zip guard on real archives, the text of a .docx and of a .txt. */
import { importPlan } from '@thidua/planning';
import { docxOf, docxWith, expectEvidenced, zipDeclaring } from '@thidua/testing';
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

describe('a Word plan written with tables', () => {
  const header = {
    table: [
      [
        ['ỦY BAN NHÂN DÂN', 'XÃ BÌNH HƯNG', 'Số: 18/KH-UBND'],
        ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Bình Hưng, ngày 10 tháng 01 năm 2027'],
      ],
    ],
  };
  const criteria = {
    table: [
      ['STT', 'Tiêu chí', 'Chỉ tiêu', 'Điểm'],
      ['1', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'Từ 95% trở lên', '20'],
      ['2', 'Tỷ lệ hồ sơ trực tuyến toàn trình', 'Trên 80%', '20'],
      ['3', 'Thời gian trả lời phản ánh, kiến nghị', 'Không quá 5 ngày làm việc', '15 điểm'],
      ['4', 'Khiếu nại vượt cấp', 'Không để xảy ra', '25'],
      ['5', 'Số sáng kiến được công nhận', 'Từ 2 sáng kiến trở lên', '20'],
    ],
  };
  const blocks = [
    header,
    '',
    'KẾ HOẠCH',
    'Tổ chức phong trào thi đua cải cách hành chính năm 2027',
    '',
    'Chủ tịch Ủy ban nhân dân xã Bình Hưng phát động phong trào thi đua từ ngày ban hành Kế hoạch này đến ngày 30 tháng 11 năm 2027.',
    '1. Chỉ tiêu thi đua',
    criteria,
    '2. Các đơn vị đăng ký thi đua trước ngày 31 tháng 01 năm 2027; báo cáo kết quả trước ngày 10 tháng 12 năm 2027.',
  ];

  it('keeps the lines of each cell of the header block, and gives the issue date', async () => {
    const text = await textOfPlanFile('ke-hoach.docx', await docxWith(blocks));
    expect(text.split('\n').slice(0, 6)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'XÃ BÌNH HƯNG',
      'Số: 18/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Bình Hưng, ngày 10 tháng 01 năm 2027',
    ]);
    const r = importPlan(text);
    expect(r.draft.milestones.launchAt).toBe('2027-01-10T08:00:00+07:00');
    expectEvidenced(text, r);
  });

  it('reads the criteria table: each criterion by its name, with its target and its points, from the "Điểm" column', async () => {
    const text = await textOfPlanFile('ke-hoach.docx', await docxWith(blocks));
    const r = importPlan(text);
    // Each title is the row's name with its target, as the import titles a criterion written in a sentence.
    expect(r.draft.criteria.map((c) => [c.title, c.kind, c.rule, c.points])).toEqual([
      ['Tỷ lệ hồ sơ giải quyết đúng hạn từ 95% trở lên', 'percent', { op: '>=', value: 95 }, 20],
      ['Tỷ lệ hồ sơ trực tuyến toàn trình trên 80%', 'percent', { op: '>', value: 80 }, 20],
      ['Thời gian trả lời phản ánh, kiến nghị không quá 5 ngày làm việc', 'working-days', { op: '<=', value: 5 }, 15],
      ['Không để xảy ra khiếu nại vượt cấp', 'count', { op: '==', value: 0 }, 25],
      ['Số sáng kiến được công nhận từ 2 sáng kiến trở lên', 'number', { op: '>=', value: 2 }, 20],
    ]);
    expectEvidenced(text, r);
  });

  it('reads the unit group of each row when the table has a column for it ("Đối tượng áp dụng")', async () => {
    const grouped = {
      table: [
        ['STT', 'Tiêu chí', 'Chỉ tiêu', 'Điểm', 'Đối tượng áp dụng'],
        ['1', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 'Từ 95% trở lên', '20', 'Cơ quan chuyên môn, đơn vị sự nghiệp'],
        ['2', 'Tỷ lệ hộ dân tham gia tổ công nghệ số', 'Từ 70% trở lên', '20', 'Khu phố, ấp'],
        ['3', 'Khiếu nại vượt cấp', 'Không để xảy ra', '25', 'Tất cả'],
      ],
    };
    const text = await textOfPlanFile('ke-hoach.docx', await docxWith([...blocks.slice(0, 7), grouped, blocks[8]]));
    const r = importPlan(text);
    expect(r.draft.criteria.map((c) => [c.title, c.points, c.appliesTo])).toEqual([
      ['Tỷ lệ hồ sơ giải quyết đúng hạn từ 95% trở lên', 20, ['agency', 'service-unit']],
      ['Tỷ lệ hộ dân tham gia tổ công nghệ số từ 70% trở lên', 20, ['neighbourhood']],
      // "Tất cả" names no kind: every unit.
      ['Không để xảy ra khiếu nại vượt cấp', 25, undefined],
    ]);
    expect(r.evidence.find((e) => e.path === 'criteria[1].appliesTo')?.quote).toBe('Khu phố, ấp');
    expectEvidenced(text, r);
  });
});
