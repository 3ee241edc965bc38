/**
 * Every size limit of what users write, once: the decider enforces them, the API's DTOs document and check
 * them at the edge, the console sets them on its fields. Lengths are in UTF-16 code units (JavaScript's
 * `length`, HTML's `maxlength`).
 */
/** Ids of campaigns, units, clusters and forms: lowercase letters, digits and dashes, at most 64 characters. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const LIMITS = {
  /** Registration: what the unit commits to. */
  commitments: 10_000,
  /** Registration: how many initiatives, and each one's title and description. */
  initiatives: 20,
  initiativeTitle: 300,
  initiativeDescription: 5_000,
  /** Interim or final report text. */
  summary: 20_000,
  /** Why a registration is returned, a unit withdrawn or a campaign cancelled. */
  reason: 2_000,
  /** Review: the coordinator's note and the proposed commendation. */
  note: 5_000,
  commendation: 500,
  /** Percentages reported, and the response time to citizens' feedback (hours, one year at most). */
  percent: 100,
  responseHours: 8_760,
  /** Names of units and accounts. */
  name: 200,
  /** A campaign's title, issuer and coordinator. */
  campaignText: 500,
  /** Commendation: people one unit nominates at once, the longest public posting (days), the abbreviation on a
   * decision's number, a judged criterion's points, and the fewest members of a council. */
  nominatedPeople: 50,
  postingDays: 30,
  abbreviation: 20,
  judgedPoints: 1_000,
  councilMembers: 3,
} as const;
