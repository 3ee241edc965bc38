import { Inject, Injectable, Optional } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/activity';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@thidua/config';
import {
  durationMs,
  planOfDefinition,
  type CommendationActivities,
  type CommendationAppendResult,
  type CommendationContext,
  type CommendationEvent,
  type CommendationSetup,
  type CommendationUnit,
  type JudgedScore,
  type RankedSheet,
  type UnitState,
} from '@thidua/contracts';
import {
  campaignUnitStates,
  findCampaign,
  listForms,
  listOverrides,
  loadCommendation,
  projectedUnit,
  saveCommendation,
  seedForms,
  decisionNumber,
  takeDecisionNumber,
  streams,
  toCommendationEvent,
  insertNotifications,
  type NotificationDraft,
} from '@thidua/persistence';
import { evolveCommendation, rankWithJudged } from '@thidua/domain';
import { appendAndProject } from '../store-append';
import { renderCommendationNotifications } from './render-notifications';
import { makeDecisionPapers } from './decision-papers';

const unitFacts = (s: UnitState): CommendationUnit => ({
  unitId: s.unit.id,
  name: s.unit.name,
  kind: s.unit.kind,
  phase: s.phase,
  ...((s.unit.contactEmail ?? s.unit.headEmail) ? { email: s.unit.contactEmail ?? s.unit.headEmail } : {}),
});

/** The commendation stage's reads and its append (with the decision's number, the read model and the outbox in one transaction). */
@Injectable()
export class CommendationActivitiesService implements CommendationActivities {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  async loadCommendationContext({ campaignId }: { campaignId: string }): Promise<CommendationContext> {
    const row = await findCampaign(this.dataSource, campaignId);
    if (!row) throw ApplicationFailure.nonRetryable(`Không có đợt thi đua "${campaignId}"`, 'wrong-phase');
    if (row.status === 'cancelled')
      throw ApplicationFailure.nonRetryable('Đợt thi đua đã bị hủy; không bình xét, khen thưởng', 'CampaignClosed');
    const def = row.definition;
    await seedForms(this.dataSource);
    const [states, forms] = await Promise.all([campaignUnitStates(this.dataSource, campaignId), listForms(this.dataSource)]);
    const plan = planOfDefinition(def, def.calendar ? await listOverrides(this.dataSource) : []);
    return {
      campaignTitle: def.title,
      coordinator: def.coordinator,
      timezone: def.timezone,
      chase: def.chase,
      dayMs: def.dayLength ? durationMs(def.dayLength) : 86_400_000,
      ...(plan.calendar ? { calendar: plan.calendar } : {}),
      units: states.map(unitFacts).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
      forms: forms.map((f) => f.form),
      ...(def.clusters ? { clusters: def.clusters } : {}),
    };
  }

  async loadCommendationUnit({ campaignId, unitId }: { campaignId: string; unitId: string }): Promise<CommendationUnit | null> {
    const { value } = await projectedUnit(this.dataSource, campaignId, unitId, 'state');
    return value ? unitFacts(value) : null;
  }

  async rankScoreSheets({
    campaignId,
    judged,
    scores,
  }: {
    campaignId: string;
    judged: CommendationSetup['judged'];
    scores: readonly JudgedScore[];
  }): Promise<RankedSheet[]> {
    const row = await findCampaign(this.dataSource, campaignId);
    const states = await campaignUnitStates(this.dataSource, campaignId);
    return rankWithJudged(states, row?.definition.scoring, judged ?? [], scores);
  }

  async appendCommendationEvents(input: {
    campaignId: string;
    expectedVersion: number;
    events: CommendationEvent[];
  }): Promise<CommendationAppendResult> {
    const { campaignId } = input;
    let events = input.events;
    const outcome = await appendAndProject(
      this.dataSource,
      this.config,
      streams.commendation(campaignId),
      input.expectedVersion,
      events,
      (m) => project(m, campaignId, events),
      async (m) => (events = await numberDecisions(m, campaignId, events, this.config)),
    );
    if (outcome.status === 'conflict') return { status: 'conflict', stored: outcome.stored.map(toCommendationEvent) };
    return events === input.events ? { status: 'appended' } : { status: 'appended', stored: events };
  }
}

/**
 * A decision takes the next number of its issuer's register in the transaction that stores it: an append
 * rolled back (a conflict, a crash before commit) gives the number back, so the register has no gap and no
 * number twice. With a configuration, its papers are made, signed and stored there too ({@link makeDecisionPapers}).
 */
async function numberDecisions(
  m: EntityManager,
  campaignId: string,
  events: CommendationEvent[],
  config: AppConfig | undefined,
): Promise<CommendationEvent[]> {
  if (!events.some((e) => e.type === 'DecisionIssued')) return events;
  const out: CommendationEvent[] = [];
  let state = await loadCommendation(m, campaignId);
  for (const e of events) {
    if (e.type !== 'DecisionIssued') {
      out.push(e);
      state = evolveCommendation(state, e, campaignId);
      continue;
    }
    const n = await takeDecisionNumber(m, e.data.registerKey, e.data.year);
    const numbered: CommendationEvent = { ...e, data: { ...e.data, number: n, numberText: decisionNumber(n, e.data.abbreviation) } };
    const decided = evolveCommendation(state, numbered, campaignId);
    const done: CommendationEvent =
      config && decided ? { ...numbered, data: { ...numbered.data, papers: await makeDecisionPapers(m, config, decided) } } : numbered;
    out.push(done);
    state = evolveCommendation(state, done, campaignId);
  }
  return out;
}

/** Folds freshly stored events into the `commendations` row and writes the notifications they cause. */
async function project(m: EntityManager, campaignId: string, events: readonly CommendationEvent[]): Promise<void> {
  let state = await loadCommendation(m, campaignId, true);
  const drafts: NotificationDraft[] = [];
  for (const event of events) {
    state = evolveCommendation(state, event, campaignId);
    drafts.push(...renderCommendationNotifications(event, state));
  }
  if (state && events.length) await saveCommendation(m, state, events[events.length - 1].at);
  await insertNotifications(m, campaignId, null, drafts);
}
