/**
 * Search attributes of unit workflows (filterable in the Temporal Web UI). Units carry the campaign and the
 * unit, set at start; phase, overdue and escalation level were upserted on each change by units started before
 * the projection became the only query model, and stay registered for their histories. Their names are part
 * of running histories: never rename them.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Campaign code of a unit workflow. */
export const CAMPAIGN_ID = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);
/** Unit id of a unit workflow. */
export const UNIT_ID = defineSearchAttributeKey('UnitId', SearchAttributeType.KEYWORD);
/** Current lifecycle phase (upserted by units started before the static search attributes). */
export const PHASE = defineSearchAttributeKey('Phase', SearchAttributeType.KEYWORD);
/** True while a deadline has passed without the work. */
export const OVERDUE = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);
/** 0 none, 1 unit head and coordinator notified, 2 issuer notified. */
export const ESCALATION_LEVEL = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);

/** Every custom search attribute with its server type name, for registering them on a server. */
export const SEARCH_ATTRIBUTE_TYPES: Readonly<Record<string, 'Keyword' | 'Bool' | 'Int'>> = {
  CampaignId: 'Keyword',
  UnitId: 'Keyword',
  Phase: 'Keyword',
  Overdue: 'Bool',
  EscalationLevel: 'Int',
};
