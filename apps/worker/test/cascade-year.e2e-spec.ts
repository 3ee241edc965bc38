/**
 * A year of a city's campaign across two levels, under time skipping, through the real event store: the city
 * launches to 3 clusters of 4 wards; each ward runs a sub-campaign for its 5 khu phố with deadlines 5 working
 * days earlier than its own; reminders and escalations fire at each level on working days; one khu phố is late,
 * so its ward's consolidated report is late, and the city's roll-up says why; the consolidated values equal the
 * hand-computed ones; a move of the city's milestones reaches every level; each cluster votes (one tie settled
 * by the chair) and proposes one ward; the city's council issues one Cờ thi đua per cluster, and the papers
 * name each cluster.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarFor } from '@thidua/calendar';
import { consolidatedReport, leadCounting, readConsolidation, readRollup, subCampaignDefinition } from '@thidua/campaigns';
import {
  campaignWorkflowId,
  COMMENDATION_WORKFLOW,
  commendationUpdates,
  commendationWorkflowId,
  DEFAULT_CLUSTER_VOTE,
  moveMilestones,
  submitReport,
  type CampaignDefinition,
  type ClusterRef,
  type CommendationArgs,
  type CommendationCommandType,
  type CommendationState,
  type TaskKind,
  type UnitRef,
} from '@thidua/contracts';
import { findCampaign, insertOrganisation, listOverrides, ROOT_ORG } from '@thidua/persistence';
import { CITY_CRITERIA, createHarness, eventually, scenario, unitDriver, type Harness } from '@thidua/testing';
import { renderPaper } from '@thidua/papers';

const at = (local: string): string => new Date(`${local}+07:00`).toISOString();
/** The local weekday (1 Monday … 7 Sunday) of an instant. */
const weekday = (t: Date | string): number => {
  const d = new Date(new Date(t).getTime() + 7 * 3_600_000).getUTCDay();
  return d === 0 ? 7 : d;
};

describe('a city campaign carried by its wards to their khu phố, for a year, under time skipping', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    'chases every level, rolls the reports up, says which khu phố makes a ward late, and flags one ward per cluster',
    scenario(async (step) => {
      const p = `cap-${randomUUID().slice(0, 6)}`;
      const wards: UnitRef[] = Array.from({ length: 12 }, (_, i) => ({
        id: `${p}-w${i + 1}`,
        name: `Phường ${i + 1}`,
        kind: 'ward',
        cluster: `${p}-c${Math.floor(i / 4) + 1}`,
      }));
      const w = (n: number): UnitRef => wards[n - 1];
      const clusters: ClusterRef[] = [1, 2, 3].map((c) => ({
        id: `${p}-c${c}`,
        name: `Cụm thi đua số ${c}`,
        kind: 'cluster',
        year: 2027,
        members: wards.slice((c - 1) * 4, c * 4).map((x) => x.id),
        head: wards[(c - 1) * 4].id,
        deputy: wards[(c - 1) * 4 + 1].id,
        quota: 1,
        voters: 'officers',
        vote: DEFAULT_CLUSTER_VOTE,
        formId: 'co-thi-dua-tinh',
      }));
      const kp = (ward: UnitRef, k: number): UnitRef => ({
        id: `${ward.id}-kp${k}`,
        name: `Khu phố ${k}, ${ward.name}`,
        kind: 'neighbourhood',
      });
      const city: CampaignDefinition = {
        code: `${p}-tp`,
        title: 'Phong trào thi đua thực hiện thắng lợi nhiệm vụ năm 2027',
        issuer: 'Ủy ban nhân dân Thành phố',
        coordinator: 'Ban Thi đua – Khen thưởng Thành phố',
        timezone: 'Asia/Ho_Chi_Minh',
        units: wards,
        milestones: {
          launchAt: new Date(await h.env.currentTimeMs()).toISOString(),
          registrationDue: at('2027-01-15T17:00:00'),
          interimReviewAt: at('2027-06-30T09:00:00'),
          campaignEndsAt: at('2027-11-30T17:00:00'),
          finalReportDue: at('2027-12-10T17:00:00'),
        },
        chase: { reminderOffsets: ['P3D', 'P1D'], overdueReminderInterval: 'P1D', escalationDelay: 'P2D' },
        criteria: CITY_CRITERIA,
        reports: [{ id: 'quy-1', title: 'Báo cáo quý I', due: at('2027-04-09T17:00:00') }],
        calendar: { workingDays: true },
        clusters,
      };
      const u = unitDriver(h.env.client, city.code);
      const subs = new Map<string, string>();
      const sub = (ward: UnitRef): string => subs.get(ward.id)!;
      const events = (campaignId: string, unitId: string) => h.events(campaignId, unitId);

      /** A ward sends up the report its khu phố add up to (with the values it changed, if any). */
      const reportUp = async (ward: UnitRef, task: TaskKind, edit?: Record<string, number>) => {
        const c = await readConsolidation(h.ds, sub(ward), task);
        const { values, consolidated } = consolidatedReport(c, edit && { ...consolidatedReport(c).values, ...edit });
        const which =
          task === 'final-report' ? { stage: 'final' as const } : { stage: 'round' as const, round: task.slice('round:'.length) };
        await u.handle(ward.id).executeUpdate(submitReport, {
          args: [{ actor: `admin:${ward.id}`, ...which, summary: 'Báo cáo tổng hợp của phường', values, consolidated }],
        });
        return c;
      };
      /** What khu phố k of ward n states at the end of the year: ward 4 and 8 with vụ việc, 6 slow to answer, 3, 7 and 11 without a tổ công nghệ số everywhere. */
      const finalValues = (n: number, k: number): Record<string, number> => ({
        'vu-viec': [4, 8].includes(n) ? 1 : 0,
        'ho-so': 90,
        'tra-loi': n === 6 && k === 5 ? 7 : k,
        'to-cntt': [3, 7, 11].includes(n) && k === 5 ? 0 : 1,
      });

      await h.withWorker(async () => {
        step('the city launches to its 3 clusters of 4 wards; each ward runs its own campaign for its 5 khu phố, 5 working days earlier');
        for (const ward of wards)
          await insertOrganisation(
            h.ds,
            { id: ward.id, parentId: ROOT_ORG, kind: 'ward', name: `UBND ${ward.name}`, shortName: null, code: null },
            'test',
            new Date().toISOString(),
          );
        await h.launcher.launch(city, 'admin:tp');
        const parent = await eventually(
          () => findCampaign(h.ds, city.code),
          (r) => r?.status === 'running',
        );
        const calendar = calendarFor(await listOverrides(h.ds));
        for (const ward of wards) {
          const def = subCampaignDefinition(
            parent!.definition,
            ward,
            {
              code: `${ward.id}-trien-khai`,
              issuer: `Ủy ban nhân dân ${ward.name}`,
              coordinator: `Văn phòng UBND ${ward.name}`,
              units: [1, 2, 3, 4, 5].map((k) => kp(ward, k)),
              lead: 'P5D',
            },
            leadCounting(parent!.definition, calendar),
            new Date(await h.env.currentTimeMs()).toISOString(),
          );
          await h.launcher.launch(def, `admin:${ward.id}`, ward.id);
          subs.set(ward.id, def.code);
        }
        const sub1 = (await findCampaign(h.ds, sub(w(1))))!.definition;
        // 9/4/2027 (Friday) less 5 working days is Friday 2/4; the registration of 15/1 becomes 8/1.
        expect(sub1.reports![0].due).toBe(at('2027-04-02T17:00:00'));
        expect(sub1.milestones.registrationDue).toBe(at('2027-01-08T17:00:00'));
        expect(sub1.criteria!.map((c) => c.id)).toEqual(CITY_CRITERIA.map((c) => c.id));
        for (const ward of wards)
          await eventually(
            () => events(city.code, ward.id),
            (es) => es.some((e) => e.type === 'SubCampaignLinked'),
          );

        step('every ward and khu phố registers on Monday 4/1 and is approved');
        await h.sleepUntil(at('2027-01-04T09:00:00'));
        for (const ward of wards) {
          const d = unitDriver(h.env.client, sub(ward));
          for (let k = 1; k <= 5; k++) {
            await d.register(kp(ward, k).id);
            await d.approve(kp(ward, k).id);
          }
          await u.register(ward.id);
          await u.approve(ward.id);
        }

        step(
          'quarter I: every khu phố reports on 30/3 but khu phố 5 of ward 4, who is reminded, misses 2/4 and is escalated twice on working days',
        );
        await h.sleepUntil(at('2027-03-30T09:00:00'));
        for (const [n, ward] of wards.entries()) {
          const d = unitDriver(h.env.client, sub(ward));
          for (let k = 1; k <= 5; k++) {
            if (n + 1 === 4 && k === 5) continue;
            await d.reportValues(
              kp(ward, k).id,
              { stage: 'round', round: 'quy-1' },
              { 'vu-viec': k % 2, 'ho-so': 80 + k * 2, 'tra-loi': k, 'to-cntt': 1 },
            );
          }
        }
        await h.sleepUntil(at('2027-04-05T09:00:00'));
        step('the wards whose khu phố all reported send their consolidated reports on Monday 5/4; ward 2 corrects one value');
        for (const [n, ward] of wards.entries())
          if (n + 1 !== 4) await reportUp(ward, 'round:quy-1', n + 1 === 2 ? { 'ho-so': 85 } : undefined);
        const late = kp(w(4), 5);
        await h.sleepUntil(at('2027-04-09T17:00:00'), 3_600_000);
        const lateEvents = await events(sub(w(4)), late.id);
        const of = (type: string) => lateEvents.filter((e) => e.type === type && (e.data.task as string | undefined) === 'round:quy-1');
        expect(of('ReminderSent').length).toBeGreaterThanOrEqual(2);
        expect(of('DeadlineMissed')).toHaveLength(1);
        expect(of('UnitEscalated').map((e) => e.data.level)).toEqual([1, 2]);
        for (const e of [...of('ReminderSent'), ...of('UnitEscalated')]) expect(weekday(e.occurred_at)).toBeLessThanOrEqual(5);

        step("ward 4 misses its own deadline of 9/4: the city's roll-up names the khu phố that makes it late");
        const ward4 = await events(city.code, w(4).id);
        expect(ward4.filter((e) => e.type === 'DeadlineMissed' && e.data.task === 'round:quy-1')).toHaveLength(1);
        const rollup = await readRollup(h.ds, (await findCampaign(h.ds, city.code))!);
        expect(rollup).toMatchObject({ units: 12, withSubCampaign: 12, overdue: 1 });
        expect(rollup.rows[0]).toMatchObject({
          unitId: w(4).id,
          overdue: true,
          cause: 'Phường 4: 1/5 khu phố chưa gửi báo cáo quý I',
        });
        expect(rollup.rows[0].sub!.tasks.find((t) => t.task === 'round:quy-1')).toMatchObject({
          units: 5,
          submitted: 4,
          missing: 1,
          overdue: 1,
        });
        expect(rollup.rows.filter((r) => r.cause)).toHaveLength(1);

        step('the late khu phố reports on Monday 12/4, and its ward sends a late consolidated report equal to the hand-computed one');
        await h.sleepUntil(at('2027-04-12T09:00:00'));
        await unitDriver(h.env.client, sub(w(4))).reportValues(
          late.id,
          { stage: 'round', round: 'quy-1' },
          { 'vu-viec': 1, 'ho-so': 90, 'tra-loi': 6, 'to-cntt': 0 },
        );
        const c4 = await reportUp(w(4), 'round:quy-1');
        // vụ việc: 1+0+1+0+1 = 3; hồ sơ: (82+84+86+88+90)/5 = 86; trả lời: worst of 1…4 and 6 = 6; tổ công nghệ số: not all = 0.
        expect(Object.fromEntries(c4.lines.map((l) => [l.criterion, l.value]))).toEqual({
          'vu-viec': 3,
          'ho-so': 86,
          'tra-loi': 6,
          'to-cntt': 0,
        });
        const sent4 = (await events(city.code, w(4).id)).find((e) => e.type === 'ReportSubmitted');
        expect(sent4?.data).toMatchObject({
          late: true,
          values: { 'vu-viec': 3, 'ho-so': 86, 'tra-loi': 6, 'to-cntt': 0 },
          consolidated: { campaignId: sub(w(4)), units: 5, reported: 5, edited: [] },
        });
        const sent2 = (await events(city.code, w(2).id)).find((e) => e.type === 'ReportSubmitted');
        // Ward 2's khu phố: hồ sơ (82…90) average 86, corrected to 85 by the ward before sending.
        expect(sent2?.data).toMatchObject({
          late: false,
          values: { 'ho-so': 85 },
          consolidated: { computed: { 'ho-so': 86 }, edited: ['ho-so'] },
        });
        expect((await readRollup(h.ds, (await findCampaign(h.ds, city.code))!)).overdue).toBe(0);

        step("the city moves its final report from 10/12 to 17/12 on 3/5: every ward's khu phố follow, 5 working days earlier");
        await h.sleepUntil(at('2027-05-03T09:00:00'));
        await h.env.client.workflow.getHandle(campaignWorkflowId(city.code)).executeUpdate(moveMilestones, {
          args: [{ actor: 'admin:tp', milestones: { ...city.milestones, finalReportDue: at('2027-12-17T17:00:00') } }],
        });
        for (const ward of wards)
          await eventually(
            () => events(sub(ward), kp(ward, 1).id),
            (es) =>
              es.some(
                (e) =>
                  e.type === 'MilestoneMoved' &&
                  (e.data.milestones as { finalReportDue: string }).finalReportDue === at('2027-12-10T17:00:00'),
              ),
          );

        step(
          'the year ends: the khu phố report on 1/12, the wards send their consolidated final reports on 13/12 and the city reviews them',
        );
        await h.sleepUntil(at('2027-12-01T09:00:00'));
        for (const [n, ward] of wards.entries()) {
          const d = unitDriver(h.env.client, sub(ward));
          for (let k = 1; k <= 5; k++) await d.reportValues(kp(ward, k).id, { stage: 'final' }, finalValues(n + 1, k));
        }
        await h.sleepUntil(at('2027-12-13T09:00:00'));
        for (const ward of wards) {
          await reportUp(ward, 'final-report');
          await u.review(ward.id, 'final');
        }

        step('the commendation stage opens; each cluster meets: cluster 1 ties on score and its chair chooses');
        await h.env.client.workflow.start(COMMENDATION_WORKFLOW, {
          workflowId: commendationWorkflowId(city.code),
          taskQueue: h.taskQueue,
          args: [{ campaignId: city.code }],
        });
        const stage = h.env.client.workflow.getHandle(commendationWorkflowId(city.code));
        const send = <K extends CommendationCommandType>(type: K, arg: CommendationArgs<K>): Promise<CommendationState> =>
          stage.executeUpdate<CommendationState, [CommendationArgs<K>]>(commendationUpdates[type] as never, { args: [arg] });
        const issuer = {
          name: 'Ủy ban nhân dân Thành phố',
          abbreviation: 'UBND',
          place: 'Thành phố',
          signerTitle: 'Chủ tịch',
          signerName: 'Nguyễn Văn A',
        };
        const opened = await send('Open', {
          actor: 'coordinator:tp',
          setup: { issuer, nominationsDue: at('2027-12-24T17:00:00'), postingDays: 5 },
        });
        expect(opened.clusters?.map((c) => c.name)).toEqual(['Cụm thi đua số 1', 'Cụm thi đua số 2', 'Cụm thi đua số 3']);
        const votes = (counts: number[], first: number) => counts.map((inFavour, i) => ({ unitId: w(first + i).id, inFavour }));
        // Cluster 1: wards 1 and 2 both pass with 100 points (every criterion met); ward 3 lacks a tổ công nghệ số (70), ward 4 has 5 vụ việc (80).
        const tie = await send('RecordClusterVote', {
          actor: 'coordinator:tp',
          clusterId: clusters[0].id,
          round: 1,
          present: 8,
          votes: votes([6, 6, 2, 3], 1),
        }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(tie).toBeInstanceOf(WorkflowUpdateFailedError);
        expect((tie as WorkflowUpdateFailedError).cause?.message).toMatch(/Phường 1, Phường 2 bằng điểm \(100 điểm\)/);
        await send('RecordClusterVote', {
          actor: 'coordinator:tp',
          clusterId: clusters[0].id,
          round: 1,
          present: 8,
          votes: votes([6, 6, 2, 3], 1),
          chairChoice: [w(2).id],
        });
        await send('RecordClusterVote', {
          actor: 'coordinator:tp',
          clusterId: clusters[1].id,
          round: 1,
          present: 8,
          votes: votes([7, 5, 1, 2], 5),
        });
        const voted = await send('RecordClusterVote', {
          actor: 'coordinator:tp',
          clusterId: clusters[2].id,
          round: 1,
          present: 7,
          votes: votes([3, 6, 2, 3], 9),
        });
        const proposed = voted.nominees.filter((n) => n.clusterId);
        expect(proposed.map((n) => [n.clusterId, n.unitId, n.formId])).toEqual([
          [clusters[0].id, w(2).id, 'co-thi-dua-tinh'],
          [clusters[1].id, w(5).id, 'co-thi-dua-tinh'],
          [clusters[2].id, w(10).id, 'co-thi-dua-tinh'],
        ]);
        expect(voted.clusterRounds?.[0]).toMatchObject({ elected: [w(2).id], tiedByChair: [w(2).id], seats: 8, needed: 5 });

        step("the city's council votes, the list is posted for 5 working days, and the decision gives one Cờ thi đua per cluster");
        const members = Array.from({ length: 9 }, (_, i) => ({
          accountId: randomUUID(),
          name: `Thành viên ${i + 1}`,
          role: i === 0 ? 'Chủ tịch Hội đồng' : 'Thành viên',
        }));
        await send('ConveneCouncil', { actor: 'coordinator:tp', council: { members, meetingAt: at('2027-12-27T08:00:00') } });
        for (const n of proposed) await send('RecordVote', { actor: 'coordinator:tp', nomineeId: n.id, present: 9, inFavour: 8 });
        const posted = await send('PostList', { actor: 'coordinator:tp' });
        await h.sleepUntil(posted.posting!.endsAt, 3_600_000);
        await eventually(
          () => stage.query<CommendationState | null>('getCommendation'),
          (s) => s?.posting?.ended === true,
        );
        const decided = await send('IssueDecision', { actor: 'admin:tp' });
        expect(decided.decision!.awarded).toEqual(proposed.map((n) => n.id));

        step('the decision names each cluster its ward leads');
        const dir = mkdtempSync(join(tmpdir(), 'cap-'));
        const file = join(dir, 'quyet-dinh.pdf');
        writeFileSync(file, await renderPaper('quyet-dinh', decided, decided.posting!.sheets));
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
        for (const [ward, cluster] of [
          [w(2), 'Cụm thi đua số 1'],
          [w(5), 'Cụm thi đua số 2'],
          [w(10), 'Cụm thi đua số 3'],
        ] as const)
          expect(text).toContain(`${ward.name} (${cluster})`);
        expect(text).toContain('Tập thể dẫn đầu Cụm thi đua số 1');
      });
    }),
    900_000,
  );
});
