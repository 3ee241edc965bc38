/** Plan import, field by field, on the seed plan and on plans written in other styles (__fixtures__). */
import fc from 'fast-check';
import { BINH_TAN_2019_CRITERIA, BINH_TAN_2019_MILESTONES, definitionProblems } from '@thidua/contracts';
import { importPlan, PlanImportError, type PlanImport } from './plan-import';
import { expectEvidenced, fixture, quotesOf } from '@thidua/testing';

describe('importing the seed plan (Bình Tân 2019)', () => {
  const text = fixture('binh-tan-2019.txt');
  const r = importPlan(text);

  it("gives the 2019 template's milestones, each with the plan's words", () => {
    const { registrationDue, interimReviewAt, campaignEndsAt, finalReportDue } = BINH_TAN_2019_MILESTONES;
    expect(r.draft.milestones).toEqual({ registrationDue, interimReviewAt, campaignEndsAt, finalReportDue });
    expect(quotesOf('milestones.registrationDue', r)).toContain('trước ngày 15 tháng 3 năm 2019');
    expect(quotesOf('milestones.finalReportDue', r)).toEqual(['trước ngày 15 tháng 11 năm 2019']);
    expect(quotesOf('milestones.campaignEndsAt', r)).toEqual(['đến **ngày 01 tháng 11 năm 2019']);
    expect(r.draft.meetings).toEqual([{ title: 'Sơ kết', at: interimReviewAt }]);
  });

  it("gives the template's five criteria, kind and rule", () => {
    expect(r.draft.criteria.map(({ kind, rule }) => ({ kind, rule }))).toEqual(
      BINH_TAN_2019_CRITERIA.map(({ kind, rule }) => ({ kind, rule })),
    );
    expect(r.draft.criteria[1].title).toBe('Tỷ lệ giải quyết hồ sơ đúng hẹn của từng lĩnh vực đều đạt trên 98%');
    expect(quotesOf('criteria[3].rule', r)).toEqual(['từ 30% đến 40%']);
    expect(quotesOf('criteria[4].rule', r)).toEqual(['sau 02 giờ đến 05 ngày']);
  });

  it('names the issuer, the coordinator, the title and the participating groups', () => {
    expect(r.draft).toMatchObject({
      issuer: 'Chủ tịch Ủy ban nhân dân quận Bình Tân',
      coordinator: 'Phòng Nội vụ quận',
      timezone: 'Asia/Ho_Chi_Minh',
    });
    expect(r.draft.title).toMatch(/^Phát động thi đua về cải cách hành chính năm 2019/);
    expect(r.draft.unitGroups).toEqual([
      { text: 'Ủy ban nhân dân 10 phường', kind: 'ward', count: 10 },
      { text: 'các cơ quan chuyên môn', kind: 'agency' },
      { text: 'đơn vị sự nghiệp', kind: 'service-unit' },
    ]);
  });

  it('leaves the launch unresolved: the plan starts "from its issue date", which the text does not give', () => {
    expect(r.draft.milestones.launchAt).toBeUndefined();
    expect(r.unresolved).toEqual([{ what: expect.stringContaining('Ngày phát động'), quote: 'phát động từ ngày ban hành Kế hoạch này' }]);
  });

  it('ignores the dates of the documents it cites ("Căn cứ Kế hoạch số 624/KH-UBND ngày 22 tháng 02 năm 2019")', () => {
    expect(JSON.stringify(r.draft)).not.toContain('2019-02-22');
    expect(r.evidence.some((e) => e.quote.includes('22 tháng 02'))).toBe(false);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe('a ward plan of 2026: quarterly reports, "chậm nhất", dates without a year, a vague meeting', () => {
  const text = fixture('phuong-tan-dinh-cds-2026.txt');
  const r = importPlan(text);

  it('launches on the issue date and reads each deadline by its words', () => {
    expect(r.draft.milestones).toEqual({
      launchAt: '2026-02-16T08:00:00+07:00', // "Phường Tân Định, ngày 16 tháng 02 năm 2026"
      registrationDue: '2026-03-11T00:00:00+07:00', // "chậm nhất ngày 10/3/2026": the whole of 10/3 is allowed
      campaignEndsAt: '2026-11-01T00:00:00+07:00', // "đến hết ngày 31/10/2026"
      finalReportDue: '2026-11-16T00:00:00+07:00', // "chậm nhất ngày 15/11/2026"
      interimReviewAt: '2026-07-15T08:00:00+07:00', // "Hội nghị sơ kết 6 tháng tổ chức vào ngày 15/7/2026"
    });
    expect(quotesOf('milestones.launchAt', r)).toEqual(['Phường Tân Định, ngày 16 tháng 02 năm 2026']);
  });

  it("gives three report rounds, the undated ones in the plan's year", () => {
    expect(r.draft.reports).toEqual([
      { title: 'Báo cáo sơ kết quý I', due: '2026-03-25T00:00:00+07:00' },
      { title: 'Báo cáo 6 tháng', due: '2026-06-20T00:00:00+07:00' },
      { title: 'Báo cáo 9 tháng', due: '2026-09-20T00:00:00+07:00' },
    ]);
    expect(quotesOf('reports[1].due', r)).toEqual(['trước ngày 20/6']);
    expect(r.draft.meetings).toEqual([{ title: 'Hội nghị sơ kết 6 tháng', at: '2026-07-15T08:00:00+07:00' }]);
  });

  it('reads four criteria of four kinds', () => {
    expect(r.draft.criteria.map(({ kind, rule }) => ({ kind, rule }))).toEqual([
      { kind: 'percent', rule: { op: '>=', value: 90 } },
      { kind: 'working-days', rule: { op: '<=', value: 3 } },
      { kind: 'percent', rule: { op: '>=', value: 100 } },
      { kind: 'count', rule: { op: '==', value: 0 } },
    ]);
    expect(r.draft.criteria[3].title).toBe('Không để xảy ra hồ sơ trễ hạn do lỗi của cán bộ, công chức');
  });

  it('names the issuer and the coordinator under two-level local government', () => {
    expect(r.draft).toMatchObject({ issuer: 'Chủ tịch Ủy ban nhân dân phường Tân Định', coordinator: 'Văn phòng HĐND và UBND phường' });
    expect(r.draft.unitGroups.map((g) => g.kind)).toEqual(['service-unit', 'neighbourhood']);
  });

  it('asks about the final meeting "dự kiến … trong tháng 12" instead of guessing a day', () => {
    expect(r.unresolved).toEqual([
      { what: expect.stringContaining('sơ kết, tổng kết'), quote: 'Tổng kết phong trào dự kiến tổ chức trong tháng 12' },
    ]);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe("a department's plan for its hospitals: dates with dashes, minutes and incidents", () => {
  const text = fixture('so-y-te-chat-luong-2027.txt');
  const r = importPlan(text);

  it('reads the milestones, three quarterly rounds and the mid-term review', () => {
    expect(r.draft.milestones).toEqual({
      launchAt: '2027-01-05T08:00:00+07:00',
      registrationDue: '2027-02-01T00:00:00+07:00', // "chậm nhất là ngày 31-01-2027"
      campaignEndsAt: '2027-12-01T00:00:00+07:00', // "kết thúc ngày 30-11-2027"
      finalReportDue: '2027-12-10T00:00:00+07:00',
      interimReviewAt: '2027-07-15T08:00:00+07:00',
    });
    expect(r.draft.reports.map((x) => x.title)).toEqual(['Báo cáo quý I', 'Báo cáo quý II', 'Báo cáo quý III']);
  });

  it('reads "không quá 60 phút", "đạt ít nhất 95%", "không để xảy ra sự cố" and "trên 70%"', () => {
    expect(r.draft.criteria).toEqual([
      { title: 'Thời gian chờ khám bệnh trung bình không quá 60 phút', kind: 'minutes', rule: { op: '<=', value: 60 } },
      { title: 'Tỷ lệ người bệnh hài lòng với dịch vụ khám bệnh đạt ít nhất 95%', kind: 'percent', rule: { op: '>=', value: 95 } },
      { title: 'Không để xảy ra sự cố y khoa nghiêm trọng', kind: 'count', rule: { op: '==', value: 0 } },
      { title: 'Tỷ lệ bệnh án điện tử trên 70%', kind: 'percent', rule: { op: '>', value: 70 } },
    ]);
    expect(r.draft).toMatchObject({
      issuer: 'Giám đốc Sở Y tế',
      coordinator: 'Phòng Nghiệp vụ Y',
      unitGroups: [{ text: 'các bệnh viện trực thuộc', kind: 'service-unit' }],
    });
    expect(r.unresolved).toEqual([]);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe('a commune plan with no issue date and meetings "nhân dịp …"', () => {
  const text = fixture('xa-phu-hoa-nong-thon-moi.txt');
  const r = importPlan(text);

  it('takes the year of the other dates for "trước ngày 20 tháng 4"', () => {
    expect(r.draft.milestones).toEqual({
      registrationDue: '2026-04-20T00:00:00+07:00',
      campaignEndsAt: '2026-10-01T00:00:00+07:00',
      finalReportDue: '2026-10-16T00:00:00+07:00',
    });
  });

  it('asks about both vague meetings and guesses neither', () => {
    expect(r.draft.meetings).toEqual([]);
    expect(r.unresolved.map((u) => u.quote)).toEqual([
      'Sơ kết phong trào nhân dịp kỷ niệm ngày thành lập xã',
      'Ban Chỉ đạo xã tổ chức tổng kết vào cuối năm',
    ]);
  });

  it('reads an amount in money as a number criterion', () => {
    expect(r.draft.criteria.map((c) => [c.title, c.kind, c.rule.op, c.rule.value])).toEqual([
      ['Tỷ lệ hộ dân sử dụng nước sạch đạt 98%', 'percent', '>=', 98],
      ['Thu nhập bình quân đầu người trên 75 triệu đồng/năm', 'number', '>', 75],
      ['100% ấp có mô hình "Tuyến đường hoa"', 'percent', '>=', 100],
    ]);
    expect(r.draft.unitGroups).toEqual([
      { text: 'các trường học', kind: 'service-unit' },
      { text: 'Các ấp', kind: 'neighbourhood' },
    ]);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe('what is not a plan', () => {
  const refusal = (text: string): string | undefined => {
    try {
      importPlan(text);
      return undefined;
    } catch (err) {
      return err instanceof PlanImportError ? err.reason : `unexpected ${String(err)}`;
    }
  };

  it('refuses empty, huge, binary and non-Vietnamese texts with a reason', () => {
    expect(refusal('   \n\t ')).toBe('empty');
    expect(refusal('Kế hoạch thi đua. '.repeat(70_000))).toBe('too-large');
    expect(refusal(`Kế hoạch\u0000\u0001\u0002${'\u0000'.repeat(50)}`)).toBe('binary');
    expect(refusal('This is an English memo about a sports day on 15/3/2026.')).toBe('not-vietnamese');
  });

  it('answers a Vietnamese text that is no plan with an empty draft', () => {
    const r = importPlan('Hôm nay trời đẹp, chúng tôi đi dạo công viên.');
    expect(r.draft).toEqual({ timezone: 'Asia/Ho_Chi_Minh', milestones: {}, reports: [], meetings: [], criteria: [], unitGroups: [] });
  });

  it('never fails otherwise, and every quote of any text is a slice of it', () => {
    const words = [
      'trước ngày ',
      'chậm nhất ngày ',
      'đến hết ngày ',
      'đăng ký ',
      'báo cáo quý I ',
      'sơ kết ',
      'trên ',
      '%',
      'không quá ',
      ' phút',
      '15/3',
      '31-12-2026',
      'tháng ',
      ' năm 2026',
      '; ',
      '.\n',
      'Ủy ban nhân dân 3 phường',
      'không để xảy ra sự cố',
      'KẾ HOẠCH\n',
      'nhân dịp Tết',
      ', ngày 1 tháng 2 năm 2026\n',
      'Hạn đăng ký: ',
      '17 giờ ',
      '16h30 ',
      ' - ',
      'trước ngày '.normalize('NFD'),
      'Đăng ký'.normalize('NFD'),
      '\u0301',
      '\u0323\u0302',
    ];
    const piece = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 40 }).map(String));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = `Kế hoạch ${pieces.join('')}`;
        let r: PlanImport;
        try {
          r = importPlan(text);
        } catch (err) {
          return err instanceof PlanImportError;
        }
        return [...r.evidence, ...r.unresolved].every((e) => e.quote.length > 0 && text.includes(e.quote));
      }),
      { numRuns: 1000, seed: 12 },
    );
  });
});

describe('the template criteria', () => {
  it('are a valid part of a definition', () => {
    const problems = definitionProblems({ criteria: BINH_TAN_2019_CRITERIA });
    expect(problems.filter((p) => p.startsWith('criteria'))).toEqual([]);
  });
});

describe('an issue date the header writes without the usual "Place, ngày …" line', () => {
  const body = [
    '',
    'KẾ HOẠCH',
    'Tổ chức phong trào thi đua năm 2027',
    '',
    'Giám đốc Sở Y tế phát động phong trào thi đua từ ngày ban hành Kế hoạch này.',
    '- Các đơn vị đăng ký thi đua trước ngày 31 tháng 01 năm 2027.',
  ].join('\n');

  it('reads it when the number and the date share a line, far apart and with no comma', () => {
    const text = `SỞ Y TẾ TỈNH ĐỒNG NAI\nSố: 52/KH-SYT${' '.repeat(70)}Đồng Nai ngày 05 tháng 01 năm 2027\n${body}`;
    const r = importPlan(text);
    expect(r.draft.milestones.launchAt).toBe('2027-01-05T08:00:00+07:00');
    expect(r.evidence).toContainEqual({
      path: 'milestones.launchAt',
      quote: expect.stringMatching(/^Số: 52\/KH-SYT\s+Đồng Nai ngày 05 tháng 01 năm 2027$/),
    });
    expect(r.unresolved.map((u) => u.what)).not.toContainEqual(expect.stringContaining('Ngày phát động'));
    expectEvidenced(text, r);
  });

  it('asks about one that is no day of the calendar instead of dropping it', () => {
    const text = `SỞ Y TẾ\nSố: 52/KH-SYT    Đồng Nai, ngày 30 tháng 02 năm 2027\n${body}`;
    const r = importPlan(text);
    expect(r.draft.milestones.launchAt).toBeUndefined();
    expect(r.unresolved).toContainEqual({
      what: 'Ngày ban hành: ngày ghi ở đầu kế hoạch không phải một ngày có thật',
      quote: 'Số: 52/KH-SYT    Đồng Nai, ngày 30 tháng 02 năm 2027',
    });
  });

  it('does not take a cited document’s date for its own', () => {
    const text = `UBND PHƯỜNG AN LẠC\nCăn cứ Kế hoạch số 624/KH-UBND ngày 22 tháng 02 năm 2019\n${body}`;
    expect(importPlan(text).draft.milestones.launchAt).toBeUndefined();
  });
});

describe('a date the plan writes that no value takes', () => {
  it('is asked about with its words, never dropped; a cited document’s date is not', () => {
    const text = [
      'UBND PHƯỜNG AN LẠC',
      'Căn cứ Kế hoạch số 624/KH-UBND ngày 22 tháng 02 năm 2019 của UBND quận;',
      '',
      'KẾ HOẠCH',
      'Phong trào thi đua năm 2027',
      '',
      'Các đơn vị đăng ký thi đua trước ngày 31 tháng 01 năm 2027.',
      'Phong trào gắn với kỷ niệm ngày 19 tháng 5 năm 2027.',
    ].join('\n');
    const r = importPlan(text);
    expect(r.draft.milestones.registrationDue).toBe('2027-01-31T00:00:00+07:00');
    const unused = r.unresolved.filter((u) => u.what === 'Một ngày trong kế hoạch chưa được dùng cho mốc nào');
    expect(unused).toHaveLength(1);
    expect(unused[0].quote).toContain('19 tháng 5 năm 2027');
    expect(r.unresolved.map((u) => u.quote).join(' ')).not.toContain('22 tháng 02 năm 2019');
    expectEvidenced(text, r);
  });
});
