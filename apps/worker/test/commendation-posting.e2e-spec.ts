/**
 * The commendation stage under time skipping, in a campaign counting working days, with the real event
 * store: a unit that never sends its individuals is reminded 7, 3 and 1 working days before the deadline at
 * the opening of office hours and escalated after it; a list posted for 5 working days on Tuesday 2/2/2027
 * stays up across Tết (4–10/2) until Tuesday 16/2 at the same hour; the decision is refused until then, an
 * objection is taken during the period and refused after it, and the decision takes the next number.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  BINH_TAN_2019,
  COMMENDATION_WORKFLOW,
  commendationUpdates,
  commendationWorkflowId,
  DEFAULT_CHASE,
  type CampaignDefinition,
  type CommendationArgs,
  type CommendationCommandType,
  type CommendationState,
} from '@thidua/contracts';
import { insertCampaign } from '@thidua/persistence';
import { historiesDir, recordHistory, scenario, createHarness, type Harness, startUnits, unitDriver, eventType } from '@thidua/testing';

const at = (local: string): string => new Date(`${local}+07:00`).toISOString();
/** Timers fire a few milliseconds after their instant: compared to the second. */
const toSecond = (t: Date | string): string => new Date(Math.floor(new Date(t).getTime() / 1000) * 1000).toISOString();

describe('the commendation stage across Tết 2027 under time skipping', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    'chases the nominating task in working days and keeps the list posted for 5 working days across Tết',
    scenario(async (step) => {
      const [first, second, silent] = BINH_TAN_2019.units;
      const def: CampaignDefinition = {
        ...BINH_TAN_2019,
        code: `kt-tet-${randomUUID().slice(0, 8)}`,
        units: [first, second, silent],
        milestones: {
          launchAt: new Date(await h.env.currentTimeMs()).toISOString(),
          registrationDue: at('2026-12-15T00:00:00'),
          interimReviewAt: at('2026-12-20T08:00:00'),
          campaignEndsAt: at('2027-01-08T00:00:00'),
          finalReportDue: at('2027-01-15T00:00:00'),
        },
        chase: DEFAULT_CHASE,
        calendar: { workingDays: true },
      };
      await insertCampaign(h.ds, def, randomUUID(), def.milestones.launchAt);
      const u = unitDriver(h.env.client, def.code);
      const stage = h.env.client.workflow.getHandle(commendationWorkflowId(def.code));
      const send = <K extends CommendationCommandType>(type: K, arg: CommendationArgs<K>): Promise<CommendationState> =>
        stage.executeUpdate<CommendationState, [CommendationArgs<K>]>(commendationUpdates[type] as never, { args: [arg] });
      const refusal = async (p: Promise<unknown>): Promise<string> => {
        const err: unknown = await p.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
        return (err as WorkflowUpdateFailedError).cause?.message ?? '';
      };

      await h.withWorker(async () => {
        step('three units register and send their final reports');
        await startUnits(h.env.client, def, h.taskQueue, false);
        for (const unit of [first, second, silent]) {
          await u.register(unit.id);
          await u.approve(unit.id);
        }
        await h.sleepUntil(at('2027-01-08T10:00:00'));
        for (const unit of [first, second, silent]) await u.report(unit.id);

        step('the stage opens on Monday 11/1; two units send their individuals, one never does');
        await h.sleepUntil(at('2027-01-11T09:00:00'));
        await h.env.client.workflow.start(COMMENDATION_WORKFLOW, {
          workflowId: commendationWorkflowId(def.code),
          taskQueue: h.taskQueue,
          args: [{ campaignId: def.code }],
        });
        const issuer = {
          name: 'Ủy ban nhân dân quận Bình Tân',
          abbreviation: 'UBND',
          place: 'Bình Tân',
          signerTitle: 'Chủ tịch',
          signerName: 'Lê Văn Thinh',
        };
        const opened = await send('Open', {
          actor: 'coordinator',
          setup: { issuer, nominationsDue: at('2027-01-22T00:00:00'), postingDays: 5 },
        });
        expect(opened.units.map((x) => x.task?.status)).toEqual(['open', 'open', 'open']);
        await send('SubmitIndividuals', {
          actor: 'unit',
          unitId: first.id,
          people: [
            {
              name: 'Phạm Ngọc Ánh',
              position: 'Công chức một cửa',
              achievement: 'Không có hồ sơ trễ hạn trong năm.',
              formId: 'giay-khen-ca-nhan',
            },
          ],
        });
        await send('SubmitIndividuals', { actor: 'unit', unitId: second.id, people: [] });

        step('the council votes; the list cannot be posted before every nominee is voted on');
        await h.sleepUntil(at('2027-01-28T09:00:00'));
        for (const unit of [first, second])
          await send('ProposeNomination', { actor: 'coordinator', unitId: unit.id, formId: 'giay-khen-tap-the' });
        await send('ConveneCouncil', {
          actor: 'coordinator',
          council: {
            meetingAt: at('2027-01-28T08:00:00'),
            members: ['Chủ tịch Hội đồng', 'Thành viên', 'Thành viên', 'Thư ký'].map((role, i) => ({
              accountId: `a${i}`,
              name: `Thành viên ${i + 1}`,
              role,
            })),
          },
        });
        expect(await refusal(send('PostList', { actor: 'coordinator' }))).toContain('chưa được Hội đồng bỏ phiếu');
        const voting = await send('RecordVote', {
          actor: 'coordinator',
          nomineeId: `tt:${first.id}:giay-khen-tap-the`,
          present: 4,
          inFavour: 3,
        });
        expect(voting.nominees.find((n) => n.id === `tt:${first.id}:giay-khen-tap-the`)?.vote).toMatchObject({
          passed: true,
          percent: 75,
          needed: 3,
        });
        await send('RecordVote', { actor: 'coordinator', nomineeId: `tt:${second.id}:giay-khen-tap-the`, present: 4, inFavour: 2 });
        await send('RecordVote', { actor: 'coordinator', nomineeId: `cn:${first.id}:1`, present: 3, inFavour: 3 });

        step('posted on Tuesday 2/2 at 10:00 for 5 working days: it ends on Tuesday 16/2 at 10:00, Tết not counted');
        await h.sleepUntil(at('2027-02-02T10:00:00'));
        const posted = await send('PostList', { actor: 'coordinator' });
        // Same local time 14 calendar days later: Wed 3, Thu 11, Fri 12, Mon 15, Tue 16 (Tết 4–10/2 and two weekends skipped).
        expect(posted.posting).toMatchObject({ days: 5, workingDays: true, ended: false });
        expect(Date.parse(posted.posting!.endsAt) - Date.parse(posted.posting!.postedAt)).toBe(14 * 86_400_000);
        expect(toSecond(posted.posting!.endsAt)).toBe(at('2027-02-16T10:00:00'));
        expect(Object.fromEntries(posted.nominees.map((n) => [n.id, n.status]))).toEqual({
          [`cn:${first.id}:1`]: 'passed',
          [`tt:${first.id}:giay-khen-tap-the`]: 'passed',
          [`tt:${second.id}:giay-khen-tap-the`]: 'rejected',
        });

        step('on Friday 12/2 the period still runs: the decision is refused; an objection is raised and resolved');
        await h.sleepUntil(at('2027-02-12T09:00:00'));
        expect(await refusal(send('IssueDecision', { actor: 'coordinator' }))).toContain('Chưa hết thời gian công khai');
        await send('RaiseObjection', {
          actor: 'unit',
          unitId: second.id,
          nomineeId: `cn:${first.id}:1`,
          reason: 'Đề nghị làm rõ thành tích.',
        });
        await send('ResolveObjection', {
          actor: 'coordinator',
          objectionId: 'yk-1',
          outcome: 'dismissed',
          resolution: 'Đã xác minh, giữ nguyên.',
        });

        step('after 16/2 10:00: an objection is refused, the decision is issued with the register’s next number');
        await h.sleepUntil(at('2027-02-16T10:00:00'), 60_000);
        expect(
          await refusal(send('RaiseObjection', { actor: 'unit', unitId: second.id, nomineeId: `cn:${first.id}:1`, reason: 'Muộn' })),
        ).toContain('Đã hết thời gian công khai');
        const before = await h.ds.query<Array<{ last_number: number }>>(
          "SELECT last_number FROM decision_registers WHERE issuer_key = 'ubnd:ủy ban nhân dân quận bình tân' AND year = 2027",
        );
        const decided = await send('IssueDecision', { actor: 'coordinator' });
        const expected = (before[0]?.last_number ?? 0) + 1;
        expect(decided.decision).toMatchObject({ number: expected, numberText: `${expected}/QĐ-UBND`, signerName: 'Lê Văn Thinh' });
        expect(decided.decision!.awarded).toHaveLength(2);
        await stage.result();
        recordHistory(await stage.fetchHistory(), historiesDir('commendation'), 'commendation-tet-2027');
      });

      step(
        'the log: reminders at 07:30 on working days 7, 3 and 1 before the deadline, escalations after it, the posting’s end at its instant',
      );
      const events: Array<{ type: string; occurred_at: Date; data: { unitId?: string } }> = await h.ds.query(
        'SELECT type, occurred_at, data FROM events WHERE stream = $1 ORDER BY seq',
        [`commendation:${def.code}`],
      );
      const when = (type: string): Array<[unknown, string]> =>
        events.filter((e) => e.type === type).map((e): [unknown, string] => [e.data.unitId, toSecond(e.occurred_at)]);
      expect(when('NominationReminderSent')).toEqual([
        [silent.id, at('2027-01-13T07:30:00')],
        [silent.id, at('2027-01-19T07:30:00')],
        [silent.id, at('2027-01-21T07:30:00')],
      ]);
      expect(when('NominationsEscalated')).toEqual([
        [silent.id, at('2027-01-22T07:30:00')],
        [silent.id, at('2027-01-27T07:30:00')],
      ]);
      expect(when('PostingEnded')).toEqual([[undefined, at('2027-02-16T10:00:00')]]);
      expect(events.filter((e) => e.type === eventType('DecisionIssued'))).toHaveLength(1);
      const projected = await h.ds.query<Array<{ stage: string; seq: number }>>(
        'SELECT stage, seq FROM commendations WHERE campaign_id = $1',
        [def.code],
      );
      expect(projected).toEqual([{ stage: 'decided', seq: events.length }]);
    }),
  );
});
