/**
 * The assessments service's own compiled code the assessments loader reuses (build it first:
 * `npx tsc -b services/assessments`), kept apart from service-code.ts so that the other loaders run
 * while the assessments service is not built.
 *
 * - star ratings: the arithmetic (scoreStars, combineSheets), a final year's outcome (yearlyOutcome),
 *   the procedure's order and which steps hand in a sheet (STEP_ORDER, SHEET_RULES, isDecided);
 * - grid staff assessments: how case events become platform statistics (applyCaseEvent), the scoring
 *   (platformScore, quantifiedScore, voteScore, totalScore, DEFAULT_WEIGHTS) and periods (periodOf);
 * - Beijing days (chinaDay).
 */
export { combineSheets, scoreStars } from '../../services/assessments/dist/star-rating/star-scoring.js';
export { yearlyOutcome } from '../../services/assessments/dist/star-rating/yearly-outcome.js';
export { isDecided, SHEET_RULES, SheetRule, STEP_ORDER } from '../../services/assessments/dist/star-rating/rating-procedure.js';
export { applyCaseEvent } from '../../services/assessments/dist/projection/case-activity.js';
export { CaseEventTypes } from '../../services/assessments/dist/events/consumed-events.js';
export { DEFAULT_WEIGHTS, platformScore, quantifiedScore, totalScore, voteScore } from '../../services/assessments/dist/staff-assessment/assessment-scoring.js';
export { periodOf } from '../../services/assessments/dist/staff-assessment/assessment-period.js';
export { chinaDay } from '../../services/assessments/dist/common/calendar.js';
