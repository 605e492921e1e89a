/**
 * The volunteers service's own compiled code the volunteers loader reuses (build it first:
 * `npx tsc -b services/volunteers`), kept apart from service-code.ts so that the other loaders run
 * while the volunteers service is not built.
 *
 * - the ledger's balance rule (assertBalanced) and which account a volunteer earns on (accountKindFor);
 * - months, quarters and years in China time and the quarter-end redemption window (periods.js),
 *   with the redemption settings the service reads (VOLUNTEERS_REDEMPTION_*);
 * - the village of an area code, and the demo realm's volunteer.demo account.
 */
export { assertBalanced } from '../../services/volunteers/dist/points/ledger.service.js';
export { accountKindFor } from '../../services/volunteers/dist/points/award.service.js';
export { chinaDate, chinaMonth, parsePeriod, quarterEndWindow, yearPeriod } from '../../services/volunteers/dist/common/periods.js';
export { villageOf } from '../../services/volunteers/dist/common/access.js';
export { loadVolunteersConfig } from '../../services/volunteers/dist/volunteers-config.js';
export { DEMO_USERS as VOLUNTEERS_DEMO_USERS } from '../../services/volunteers/dist/demo/demo-ids.js';
export { SKILLS_BY_KIND } from '../../services/volunteers/dist/demo/volunteer-skills.js';
