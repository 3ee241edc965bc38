import { BUILT_IN_LEGAL_TEXTS, citation, writtenDate, type LegalText } from '@thidua/contracts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { citedTexts, dayOf, decreeInForce, renderPaper } from './papers';

const TZ = 'Asia/Ho_Chi_Minh';

describe('the law a paper cites', () => {
  it('is the text in force on the paper’s own day where it is issued (Nghị định 152/2025 from 01/07/2025, 98/2023 before)', () => {
    expect(decreeInForce(dayOf('2026-12-04T03:00:00Z', TZ))).toBe(
      'Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
    );
    // Midnight of 01/07/2025 in Hà Nội is 30/06/2025 17:00 UTC.
    expect(decreeInForce(dayOf('2025-06-30T17:00:00Z', TZ))).toMatch(/^Nghị định số 152\/2025/);
    expect(decreeInForce(dayOf('2025-06-30T16:59:59Z', TZ))).toMatch(/^Nghị định số 98\/2023/);
    expect(decreeInForce('2024-12-15')).toMatch(/^Nghị định số 98\/2023/);
    expect(decreeInForce('2023-06-01')).toBeUndefined();
  });

  it('cites the law on local government, the law on emulation and commendation and the decree of the day, in that order', () => {
    expect(citedTexts(BUILT_IN_LEGAL_TEXTS, '2026-12-05').map((t) => t.number)).toEqual(['72/2025/QH15', '06/2022/QH15', '152/2025/NĐ-CP']);
    expect(citedTexts(BUILT_IN_LEGAL_TEXTS, '2024-12-15').map((t) => t.number)).toEqual(['77/2015/QH13', '06/2022/QH15', '98/2023/NĐ-CP']);
  });

  it('takes a text an admin adds from its effective day, and a text ended on a day no longer', () => {
    const added: LegalText = {
      id: 'nd-1-2027',
      role: 'commendation-decree',
      kind: 'decree',
      number: '01/2027/NĐ-CP',
      issuedOn: '2027-01-05',
      issuer: 'Chính phủ',
      subject: 'quy định chi tiết thi hành Luật Thi đua, khen thưởng',
      effectiveFrom: '2027-03-01',
    };
    const law = [...BUILT_IN_LEGAL_TEXTS, added];
    expect(decreeInForce('2027-02-28', law)).toMatch(/152\/2025/);
    expect(decreeInForce('2027-03-01', law)).toBe(
      'Nghị định số 01/2027/NĐ-CP ngày 05 tháng 01 năm 2027 của Chính phủ quy định chi tiết thi hành Luật Thi đua, khen thưởng',
    );
    expect(decreeInForce('2027-03-01', [...BUILT_IN_LEGAL_TEXTS, { ...added, effectiveUntil: '2027-03-01' }])).toMatch(/152\/2025/);
  });

  it('writes dates as Nghị định 30/2020 says: a day below 10 and a month below 3 with a leading zero', () => {
    expect(writtenDate('2027-01-05')).toBe('ngày 05 tháng 01 năm 2027');
    expect(writtenDate('2025-06-14')).toBe('ngày 14 tháng 6 năm 2025');
    expect(writtenDate('2023-12-31')).toBe('ngày 31 tháng 12 năm 2023');
    expect(citation(BUILT_IN_LEGAL_TEXTS.find((t) => t.id === 'luat-06-2022')!)).toBe(
      'Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022',
    );
  });
});

describe('papers rendered one after the other', () => {
  it('keep every letter: the fonts parsed once serve each paper whole (the letters inside accented ones too)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'papers-'));
    const state = {
      campaignId: 'c',
      campaignTitle: 'Phong trào thi đua Ỷ Lan, Quyết tâm',
      coordinator: 'Văn phòng HĐND và UBND phường',
      timezone: TZ,
      setup: {
        issuer: {
          name: 'Ủy ban nhân dân phường Yên Hòa',
          abbreviation: 'UBND',
          place: 'Yên Hòa',
          signerTitle: 'Chủ tịch',
          signerName: 'Trần Thị Hương',
        },
      },
      units: [],
      nominees: [],
      forms: [],
      objections: [],
      posting: {
        postedAt: '2026-12-01T02:00:00Z',
        endsAt: '2026-12-04T02:00:00Z',
        days: 3,
        workingDays: false,
        ended: true,
        listed: [],
        sheets: [],
      },
    } as unknown as Parameters<typeof renderPaper>[1];
    const texts: string[] = [];
    // The list's bold "ỞỞ" asks the font for the "O" inside them: the draft's bold "DỰ THẢO" then needs it as a letter.
    for (const [n, paper] of (['danh-sach', 'quyet-dinh', 'to-trinh', 'quyet-dinh'] as const).entries()) {
      const file = join(dir, `${n}.pdf`);
      writeFileSync(file, await renderPaper(paper, state, [], paper === 'quyet-dinh' ? { draftOn: '2026-12-05' } : {}));
      texts.push(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' '));
    }
    for (const text of [texts[1], texts[3]]) {
      expect(text).toContain('DỰ THẢO');
      expect(text).toContain('ỦY BAN NHÂN DÂN');
      expect(text).toContain('Căn cứ Luật Tổ chức chính quyền địa phương');
      expect(text).toContain('Phong trào thi đua Ỷ Lan, Quyết tâm');
    }
    expect(texts[1]).toBe(texts[3]);
  });
});
