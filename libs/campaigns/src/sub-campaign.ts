/**
 * A sub-campaign: an organisation taking part in a campaign above (a ward in the city's campaign) runs it for
 * its own units from the parent's plan: the same criteria that apply to it (it may add its own), the same chase
 * and calendar, every date `lead` earlier, and a link back to the unit it reports for. Pure.
 */
import { earlierPlan, type LeadCounting } from '@thidua/calendar';
import { appliesToUnit, type CampaignDefinition, type ChasePolicy, type Criterion, type Milestones, type UnitRef } from '@thidua/contracts';

/** What the organisation chooses when it launches its sub-campaign. */
export interface SubCampaignRequest {
  readonly code: string;
  readonly title?: string;
  readonly issuer: string;
  readonly coordinator: string;
  readonly coordinatorEmail?: string;
  readonly issuerEmail?: string;
  readonly units: readonly UnitRef[];
  /** How much earlier its deadlines come than the parent's (P5D). */
  readonly lead: string;
  /** Criteria of its own, added to the parent's. */
  readonly criteria?: readonly Criterion[];
  readonly chase?: ChasePolicy;
  /** Dates it sets itself instead of the derived ones. */
  readonly milestones?: Partial<Milestones>;
}

/** The parent's criteria as the sub-campaign's units report them: those that apply to the organisation, for every unit below. */
export function inheritedCriteria(parent: CampaignDefinition, parentUnit: UnitRef): Criterion[] {
  return (parent.criteria ?? []).filter((c) => appliesToUnit(c, parentUnit)).map(({ appliesTo: _kinds, clusters: _clusters, ...c }) => c);
}

/** The definition of the sub-campaign, launched at `launchAt`, before validation. */
export function subCampaignDefinition(
  parent: CampaignDefinition,
  parentUnit: UnitRef,
  req: SubCampaignRequest,
  how: LeadCounting,
  launchAt: string,
): CampaignDefinition {
  const dates = earlierPlan(parent, req.lead, how, launchAt);
  const criteria = [...inheritedCriteria(parent, parentUnit), ...(req.criteria ?? [])];
  return {
    code: req.code,
    title: req.title ?? `${parent.title} (${parentUnit.name} triển khai)`,
    issuer: req.issuer,
    coordinator: req.coordinator,
    ...(req.coordinatorEmail ? { coordinatorEmail: req.coordinatorEmail } : {}),
    ...(req.issuerEmail ? { issuerEmail: req.issuerEmail } : {}),
    timezone: parent.timezone,
    units: req.units,
    milestones: { ...dates.milestones, ...req.milestones },
    chase: req.chase ?? parent.chase,
    ...(parent.dayLength ? { dayLength: parent.dayLength } : {}),
    ...(criteria.length || parent.criteria ? { criteria } : {}),
    ...(dates.reports ? { reports: dates.reports } : {}),
    ...(dates.meetings ? { meetings: dates.meetings } : {}),
    ...(parent.calendar ? { calendar: parent.calendar } : {}),
    ...(parent.scoring ? { scoring: parent.scoring } : {}),
    parent: { campaignId: parent.code, unitId: parentUnit.id, lead: req.lead },
  };
}

/** How a campaign's lead is counted: its calendar's working days unless it is a rehearsal or counts clock days. */
export function leadCounting(def: Pick<CampaignDefinition, 'calendar' | 'dayLength'>, calendar: LeadCounting['calendar']): LeadCounting {
  return {
    workingDays: def.calendar?.workingDays === true && def.dayLength === undefined,
    calendar,
    ...(def.dayLength ? { dayLength: def.dayLength } : {}),
  };
}
