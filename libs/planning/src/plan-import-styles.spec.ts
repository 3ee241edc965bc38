/** Plan import on plans written in other styles: hours, labels, numbered rounds, text pasted from PDF or Windows. */
import { importPlan, type PlanImport } from './plan-import';
import { expectEvidenced, fixture, quotesOf } from '@thidua/testing';

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
      {
        text: 'các trường trung học phổ thông, trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên trực thuộc Sở (65 đơn vị)',
        kind: 'service-unit',
        count: 65,
      },
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

describe('a hospital plan with numbered report rounds ("báo cáo đợt 1"), a recurring deadline and a nominations deadline', () => {
  const text = fixture('benh-vien-5s-2027.txt');
  const r = importPlan(text);

  it('reads "đợt 1" and "đợt 2" as report rounds, not as two final reports', () => {
    expect(r.draft.reports).toEqual([
      { title: 'Báo cáo đợt 1', due: '2027-05-15T00:00:00+07:00' },
      { title: 'Báo cáo đợt 2', due: '2027-08-15T00:00:00+07:00' },
    ]);
    expect(r.draft.milestones).toEqual({
      launchAt: '2027-02-01T08:00:00+07:00',
      campaignEndsAt: '2027-12-01T00:00:00+07:00',
      registrationDue: '2027-02-15T00:00:00+07:00',
      interimReviewAt: '2027-07-10T08:00:00+07:00',
    });
  });

  it('asks about the recurring quarterly deadline and the nominations deadline, and names the departments', () => {
    expect(r.unresolved.map((u) => u.what)).toEqual([
      'Hạn nộp hồ sơ đề nghị khen thưởng: nhập khi mở đợt xét khen thưởng',
      'Hạn báo cáo: kế hoạch chỉ nêu "hằng quý", chưa có ngày cụ thể',
    ]);
    expect(r.draft.unitGroups).toEqual([{ text: 'Các khoa, phòng', kind: 'agency' }]);
    expect(r.draft.criteria.map((c) => [c.kind, c.rule.op, c.rule.value])).toEqual([
      ['percent', '<', 5],
      ['hours', '<=', 2],
      ['percent', '>=', 100],
    ]);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe('a plan with a scoring scale: points after a target or in its label', () => {
  const text = fixture('thang-diem-2027.txt');
  const r = importPlan(text);

  it('gives each criterion the points the plan sets, and none where it sets none (or zero)', () => {
    expect(r.draft.criteria.map((c) => [c.title, c.points])).toEqual([
      ['Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%', 30],
      ['Mức độ hài lòng của người dân đạt ít nhất 90%', 20],
      ['Thời gian trả lời phản ánh không quá 5 ngày làm việc', 25],
      ['Không để xảy ra khiếu nại vượt cấp', 25],
      ['Tỷ lệ cán bộ được bồi dưỡng đạt 100%', undefined],
    ]);
    expect(quotesOf('criteria[1].points', r)).toEqual(['20 điểm']);
  });

  it('quotes the text verbatim for every value', () => expectEvidenced(text, r));
});

describe('times that are no day of the calendar', () => {
  const text = [
    'KẾ HOẠCH',
    'Thi đua năm 2027',
    '1. Các phường báo cáo kết quả trước ngày 15 hằng tháng.',
    '2. Sơ kết 6 tháng đầu năm vào tháng 7/2027.',
    '3. Tổng kết vào dịp Tết Nguyên đán.',
  ].join('\n');
  const r = importPlan(text);

  it('asks about a recurring deadline, a month and an occasion, each by its own words', () => {
    expect(r.unresolved.map((u) => u.what)).toEqual([
      'Hạn báo cáo: kế hoạch chỉ nêu "trước ngày 15 hằng tháng", chưa có ngày cụ thể',
      'Thời điểm tổ chức sơ kết, tổng kết: kế hoạch chỉ nêu "vào tháng 7/2027", chưa có ngày cụ thể',
      'Thời điểm tổ chức sơ kết, tổng kết: kế hoạch chỉ nêu "vào dịp Tết Nguyên đán", chưa có ngày cụ thể',
    ]);
    expect(r.draft.reports).toEqual([]);
    expect(r.draft.meetings).toEqual([]);
  });
});

describe('dates written after a label or with an hour', () => {
  const milestones = (body: string): PlanImport['draft']['milestones'] => importPlan(`Kế hoạch thi đua năm 2027\n${body}`).draft.milestones;

  it('reads a range after a label as the campaign period', () => {
    expect(milestones('Thời gian thực hiện: 02/3/2027 - 31/10/2027.')).toEqual({
      launchAt: '2027-03-02T08:00:00+07:00',
      campaignEndsAt: '2027-11-01T00:00:00+07:00',
    });
  });

  it('reads "16h30", "chậm nhất 8 giờ" and "không muộn hơn ngày"', () => {
    expect(milestones('Các đơn vị đăng ký thi đua trước 16h30 ngày 15/3/2027.')).toEqual({ registrationDue: '2027-03-15T16:30:00+07:00' });
    expect(milestones('Báo cáo kết quả cuối đợt gửi chậm nhất 8 giờ ngày 5/12/2027.')).toEqual({
      finalReportDue: '2027-12-05T08:00:00+07:00',
    });
    expect(milestones('Các đơn vị đăng ký thi đua không muộn hơn ngày 15/3/2027.')).toEqual({
      registrationDue: '2027-03-16T00:00:00+07:00',
    });
  });

  it('reads dates with dots when they carry their year, and not section numbers', () => {
    expect(milestones('Các đơn vị đăng ký thi đua trước ngày 15.3.2027.')).toEqual({ registrationDue: '2027-03-15T00:00:00+07:00' });
    expect(importPlan('Kế hoạch thi đua năm 2027\n2.3. Báo cáo kết quả trước ngày 5.12.2027').draft.milestones).toEqual({
      finalReportDue: '2027-12-05T00:00:00+07:00',
    });
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
