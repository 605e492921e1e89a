/**
 * grids' compiled code the care loader reuses (build grids first): the care schedule's pure generator
 * and its default rules, so the generated slots are exactly the ones the service writes.
 */
export { addDays as addCareDays, slotsFor, type CareMember } from '../../services/grids/dist/care/care-schedule.js';
export { careTagsOf, DEFAULT_CARE_RULES } from '../../services/grids/dist/care/care-rules.js';
