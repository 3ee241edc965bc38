/** Every workflow the worker registers (the bundle's entry point). */
export { unitWorkflow } from './unit/unit.workflow';
export { campaignWorkflow } from './campaign/campaign.workflow';
export { dailyDigestWorkflow } from './digest/daily-digest.workflow';
export { commendationWorkflow } from './commendation/commendation.workflow';
