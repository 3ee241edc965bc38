/** Plan import, field by field, on the seed plan and on plans written in other styles (__fixtures__). */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINH_TAN_2019_CRITERIA, BINH_TAN_2019_MILESTONES, definitionProblems } from '../../contracts/src/campaign';
import { importPlan, PlanImportError, type PlanImport } from './plan-import';

const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const quotesOf = (path: string, r: PlanImport): string[] => r.evidence.filter((e) => e.path === path).map((e) => e.quote);

/** Every quote occurs verbatim in the text, and every value of the draft has at least one. */
function expectEvidenced(text: string, r: PlanImport): void {
  for (const e of [...r.evidence, ...r.unresolved]) expect(text).toContain(e.quote);
  const d = r.draft;
  const paths = [
    ...(['title', 'issuer', 'coordinator'] as const).filter((k) => d[k] !== undefined),
    ...Object.keys(d.milestones).map((k) => `milestones.${k}`),
    ...d.reports.flatMap((_, i) => [`reports[${i}].title`, `reports[${i}].due`]),
    ...d.meetings.flatMap((_, i) => [`meetings[${i}].title`, `meetings[${i}].at`]),
    ...d.criteria.flatMap((_, i) => [`criteria[${i}].title`, `criteria[${i}].rule`]),
    ...d.unitGroups.map((_, i) => `unitGroups[${i}]`),
  ];
  for (const path of paths) expect({ path, quotes: quotesOf(path, r).length > 0 }).toEqual({ path, quotes: true });
}

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
    expect(r.draft.criteria.map(({ kind, rule }) => ({ kind, rule }))).toEqual(BINH_TAN_2019_CRITERIA.map(({ kind, rule }) => ({ kind, rule })));
    expect(r.draft.criteria[1].title).toBe('Tỷ lệ giải quyết hồ sơ đúng hẹn của từng lĩnh vực đều đạt trên 98%');
    expect(quotesOf('criteria[3].rule', r)).toEqual(['từ 30% đến 40%']);
    expect(quotesOf('criteria[4].rule', r)).toEqual(['sau 02 giờ đến 05 ngày']);
  });

  it('names the issuer, the coordinator, the title and the participating groups', () => {
    expect(r.draft).toMatchObject({ issuer: 'Chủ tịch Ủy ban nhân dân quận Bình Tân', coordinator: 'Phòng Nội vụ quận', timezone: 'Asia/Ho_Chi_Minh' });
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
    expect(r.unresolved).toEqual([{ what: expect.stringContaining('sơ kết, tổng kết'), quote: 'Tổng kết phong trào dự kiến tổ chức trong tháng 12' }]);
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
    expect(r.draft).toMatchObject({ issuer: 'Giám đốc Sở Y tế', coordinator: 'Phòng Nghiệp vụ Y', unitGroups: [{ text: 'các bệnh viện trực thuộc', kind: 'service-unit' }] });
    expect(r.unresolved).toEqual([]);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe('a commune plan with no issue date and meetings "nhân dịp …"', () => {
  const text = fixture('xa-phu-hoa-nong-thon-moi.txt');
  const r = importPlan(text);

  it('takes the year of the other dates for "trước ngày 20 tháng 4"', () => {
    expect(r.draft.milestones).toEqual({ registrationDue: '2026-04-20T00:00:00+07:00', campaignEndsAt: '2026-10-01T00:00:00+07:00', finalReportDue: '2026-10-16T00:00:00+07:00' });
  });

  it('asks about both vague meetings and guesses neither', () => {
    expect(r.draft.meetings).toEqual([]);
    expect(r.unresolved.map((u) => u.quote)).toEqual(['Sơ kết phong trào nhân dịp kỷ niệm ngày thành lập xã', 'Ban Chỉ đạo xã tổ chức tổng kết vào cuối năm']);
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

describe('a school plan with deadlines at an hour ("trước 17 giờ ngày …") and a term report', () => {
  const text = fixture('so-gd-dong-nai-2027.txt');
  const r = importPlan(text);

  it('keeps the hour a deadline is written with', () => {
    expect(r.draft.milestones).toEqual({
      launchAt: '2027-01-05T08:00:00+07:00',
      registrationDue: '2027-01-20T17:00:00+07:00', // "trước 17 giờ ngày 20/01/2027"
      campaignEndsAt: '2027-06-01T00:00:00+07:00', // "đến hết ngày 31/5/2027"
      finalReportDue: '2027-06-05T00:00:00+07:00',
    });
    expect(quotesOf('milestones.registrationDue', r)).toEqual(['trước 17 giờ ngày 20/01/2027']);
  });

  it('names the term report, the final meeting and the counted group of schools', () => {
    expect(r.draft.reports).toEqual([{ title: 'Báo cáo sơ kết học kỳ I', due: '2027-01-26T00:00:00+07:00' }]);
    expect(r.draft.meetings).toEqual([{ title: 'Hội nghị tổng kết', at: '2027-06-20T08:00:00+07:00' }]);
    expect(r.draft.unitGroups).toEqual([
      { text: 'các trường trung học phổ thông, trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên trực thuộc Sở (65 đơn vị)', kind: 'service-unit', count: 65 },
    ]);
    expect(r.unresolved).toEqual([]);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe('a commune plan that lists its times under labels ("Hạn đăng ký: 15/3/2027")', () => {
  const text = fixture('xa-an-phu-2027.txt');
  const r = importPlan(text);

  it('reads each labelled date by its label, and an hour with minutes', () => {
    expect(r.draft.milestones).toEqual({
      launchAt: '2027-03-02T08:00:00+07:00',
      registrationDue: '2027-03-16T00:00:00+07:00',
      campaignEndsAt: '2027-11-01T00:00:00+07:00',
      finalReportDue: '2027-11-16T00:00:00+07:00',
    });
    expect(r.draft.reports).toEqual([{ title: 'Báo cáo sơ kết 6 tháng', due: '2027-06-10T10:30:00+07:00' }]);
    expect(r.unresolved.map((u) => u.quote)).toEqual(['Hội nghị tổng kết: dự kiến trong tháng 12 năm 2027']);
  });

  it('reads "100% rác thải" as a target and takes the counted "12 ấp" over "các ấp"', () => {
    expect(r.draft.criteria.map((c) => [c.kind, c.rule.op, c.rule.value])).toEqual([
      ['percent', '>=', 100],
      ['percent', '>=', 92],
      ['count', '==', 0],
      ['number', '>=', 1],
    ]);
    expect(r.draft.unitGroups).toEqual([
      { text: 'các đơn vị sự nghiệp', kind: 'service-unit' },
      { text: '12 ấp', kind: 'neighbourhood', count: 12 },
    ]);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe('dates written after a label or with an hour', () => {
  const milestones = (body: string): PlanImport['draft']['milestones'] => importPlan(`Kế hoạch thi đua năm 2027\n${body}`).draft.milestones;

  it('reads a range after a label as the campaign period', () => {
    expect(milestones('Thời gian thực hiện: 02/3/2027 - 31/10/2027.')).toEqual({ launchAt: '2027-03-02T08:00:00+07:00', campaignEndsAt: '2027-11-01T00:00:00+07:00' });
  });

  it('reads "16h30", "chậm nhất 8 giờ" and "không muộn hơn ngày"', () => {
    expect(milestones('Các đơn vị đăng ký thi đua trước 16h30 ngày 15/3/2027.')).toEqual({ registrationDue: '2027-03-15T16:30:00+07:00' });
    expect(milestones('Báo cáo kết quả cuối đợt gửi chậm nhất 8 giờ ngày 5/12/2027.')).toEqual({ finalReportDue: '2027-12-05T08:00:00+07:00' });
    expect(milestones('Các đơn vị đăng ký thi đua không muộn hơn ngày 15/3/2027.')).toEqual({ registrationDue: '2027-03-16T00:00:00+07:00' });
  });

  it('reads dates with dots when they carry their year, and not section numbers', () => {
    expect(milestones('Các đơn vị đăng ký thi đua trước ngày 15.3.2027.')).toEqual({ registrationDue: '2027-03-15T00:00:00+07:00' });
    expect(importPlan('Kế hoạch thi đua năm 2027\n2.3. Báo cáo kết quả trước ngày 5.12.2027').draft.milestones).toEqual({ finalReportDue: '2027-12-05T00:00:00+07:00' });
  });

  it('asks about an impossible hour instead of dropping it or the deadline', () => {
    const r = importPlan('Kế hoạch thi đua năm 2027\nCác đơn vị đăng ký thi đua trước 25 giờ ngày 15/3/2027.');
    expect(r.draft.milestones).toEqual({});
    expect(r.unresolved).toEqual([{ what: 'Giờ ghi kèm ngày không phải một giờ trong ngày', quote: 'trước 25 giờ ngày 15/3/2027' }]);
  });
});

describe('a plan as it is pasted: decomposed letters (from PDF), Windows line ends', () => {
  const text = fixture('xa-an-phu-2027.txt');
  const nfc = importPlan(text);

  it('reads decomposed text as the same plan and quotes it as received', () => {
    const nfd = text.normalize('NFD');
    expect(nfd).not.toEqual(text);
    const r = importPlan(nfd);
    expect(r.draft).toEqual(nfc.draft);
    expect(r.evidence.map((e) => e.quote.normalize('NFC'))).toEqual(nfc.evidence.map((e) => e.quote));
    expectEvidenced(nfd, r);
  });

  it('reads text with CRLF line ends as the same plan', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const r = importPlan(crlf);
    expect(r.draft).toEqual(nfc.draft);
    expectEvidenced(crlf, r);
  });
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
    const words = ['trước ngày ', 'chậm nhất ngày ', 'đến hết ngày ', 'đăng ký ', 'báo cáo quý I ', 'sơ kết ', 'trên ', '%', 'không quá ', ' phút', '15/3', '31-12-2026', 'tháng ', ' năm 2026', '; ', '.\n', 'Ủy ban nhân dân 3 phường', 'không để xảy ra sự cố', 'KẾ HOẠCH\n', 'nhân dịp Tết', ', ngày 1 tháng 2 năm 2026\n', 'Hạn đăng ký: ', '17 giờ ', '16h30 ', ' - ', 'trước ngày '.normalize('NFD'), 'Đăng ký'.normalize('NFD'), '\u0301', '\u0323\u0302'];
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
