/** A sub-campaign's dates: the parent's, a lead earlier, in working days, clock days or a rehearsal's plan days. */
import { calendarFor } from './calendar';
import { earlierPlan, leadBefore } from './cascade';

describe('dates of a sub-campaign', () => {
  const calendar = calendarFor([]);

  it('counts its lead in working days, skipping weekends and the holidays', () => {
    // Friday 2027-05-07 10:00 (+07): 5 working days earlier is Friday 2027-04-23 (30/4 and 1/5 are holidays, 3/5 a Monday worked).
    expect(leadBefore('2027-05-07T03:00:00.000Z', 'P5D', { workingDays: true, calendar })).toBe(
      new Date(calendar.shiftWorkingDays(Date.parse('2027-05-07T03:00:00.000Z'), -5)).toISOString(),
    );
    expect(leadBefore('2027-03-31T10:00:00.000Z', 'P5D', { workingDays: true, calendar })).toBe('2027-03-24T10:00:00.000Z');
    expect(leadBefore('2027-03-31T10:00:00.000Z', 'P5D', { workingDays: false, calendar })).toBe('2027-03-26T10:00:00.000Z');
    // A rehearsal whose day lasts 10 s: 5 plan days are 50 s.
    expect(leadBefore('2027-03-31T10:00:00.000Z', 'P5D', { workingDays: true, calendar, dayLength: 'PT10S' })).toBe(
      '2027-03-31T09:59:10.000Z',
    );
  });

  it('moves every date but its own launch, and each round and meeting', () => {
    const plan = earlierPlan(
      {
        milestones: {
          launchAt: '2027-01-04T01:00:00.000Z',
          registrationDue: '2027-01-29T10:00:00.000Z',
          interimReviewAt: '2027-06-30T02:00:00.000Z',
          campaignEndsAt: '2027-11-30T10:00:00.000Z',
          finalReportDue: '2027-12-10T10:00:00.000Z',
        },
        reports: [{ id: 'quy-1', title: 'Báo cáo quý I', due: '2027-03-31T10:00:00.000Z' }],
        meetings: [{ id: 'so-ket', title: 'Sơ kết', at: '2027-06-30T02:00:00.000Z' }],
      },
      'P2D',
      { workingDays: false, calendar },
      '2027-01-10T01:00:00.000Z',
    );
    expect(plan.milestones).toEqual({
      launchAt: '2027-01-10T01:00:00.000Z',
      registrationDue: '2027-01-27T10:00:00.000Z',
      interimReviewAt: '2027-06-28T02:00:00.000Z',
      campaignEndsAt: '2027-11-28T10:00:00.000Z',
      finalReportDue: '2027-12-08T10:00:00.000Z',
    });
    expect(plan.reports).toEqual([{ id: 'quy-1', title: 'Báo cáo quý I', due: '2027-03-29T10:00:00.000Z' }]);
    expect(plan.meetings?.[0].at).toBe('2027-06-28T02:00:00.000Z');
  });
});
