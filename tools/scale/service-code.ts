/**
 * The services' own compiled code the generator reuses, in one place, so the generated rows follow
 * exactly the rules the services apply (build the services first: `./lianxin build`).
 *
 * - cases: the state machine (planTransition …), deadlines in working days, local days, the demo's
 *   actor ids per level (so scale actors and the demo realm's accounts agree), the counter
 *   recomputation (rebuildStats) and its SQL (RECOUNT_SQL, the monthly rollups' MONTHLY_FROM_DAILY_SQL),
 *   the ORM config to run it with.
 * - people: ID-number check characters, the vault that seals ID and phone numbers and computes the
 *   lookup hash, the demo person-id scheme (grid staff `staff:<grid>:<i>`, `resident:demo`), and the
 *   population counters' recount (rebuildPopulationCounters), its check (POPULATION_DRIFT_SQL) and the
 *   population queries PopulationService sends.
 * - organizations: the demo county's departments.
 */
export { CaseAction, CaseSource, CaseStatus, HANDLING_STATUSES, HandlingLevel, OPEN_STATUSES, Rating } from '../../services/cases/dist/case/case-enums.js';
export { canTransition, planTransition, type TransitionAction } from '../../services/cases/dist/case/case-state-machine.js';
export { dueAfterWorkingDays, workingDaysFor, type CalendarExceptions } from '../../services/cases/dist/deadline/working-calendar.js';
export { localDay, localTime } from '../../services/cases/dist/deadline/local-time.js';
export { formatCaseNumber } from '../../services/cases/dist/case/case-number.js';
export { demoActorAt } from '../../services/cases/dist/demo/demo-cases.js';
export { DEMO_USER_IDS, demoUuid } from '../../services/cases/dist/demo/demo-ids.js';
export { DAILY_COUNTERS, WORKER_COUNTERS } from '../../services/cases/dist/stats/case-contribution.js';
export { AREA_DAY_FROM_DAILY_SQL, RECOUNT_SQL, rebuildStats } from '../../services/cases/dist/stats/stats-recorder.js';
export { MONTHLY_FROM_DAILY_SQL } from '../../services/cases/dist/stats/monthly-rollup.js';
export { loadCasesConfig } from '../../services/cases/dist/cases-config.js';
export { caseClassForSeverity } from '../../services/cases/dist/intake/hazard-reported.consumer.js';

export { buildIdNumber, checkIdNumber } from '../../services/people/dist/personal-data/id-number.js';
export { PersonalDataVault } from '../../services/people/dist/personal-data/personal-data-vault.js';
export { maskIdNumber } from '../../services/people/dist/personal-data/masking.js';
export { sealIdNumber, sealPhone } from '../../services/people/dist/personal-data/sealed-fields.js';
export { personIdFor } from '../../services/people/dist/demo/deterministic-id.js';
export { DEMO_ACCOUNTS } from '../../services/people/dist/demo/demo-population.js';
export { POPULATION_DRIFT_SQL, rebuildPopulationCounters } from '../../services/people/dist/population/population-counters.js';
export { populationByTagParams, populationByTagSql, populationTotalsSql } from '../../services/people/dist/population/population-queries.js';

export { DEMO_DEPARTMENTS } from '../../services/organizations/dist/demo-data.js';
