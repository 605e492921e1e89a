/** Patterns shared by the inputs. */
export const VILLAGE_OR_GRID_CODE = /^(\d{12}|\d{15})$/;
export const VILLAGE_OR_GRID_MESSAGE = 'must be a village (12 digits) or grid (15 digits) code';
export const AREA_CODE = /^(\d{6}|\d{9}|\d{12}|\d{15})$/;
export const AREA_CODE_MESSAGE = 'must be a county, township, village or grid code';
export const VILLAGE_CODE = /^\d{12}$/;
export const VILLAGE_CODE_MESSAGE = 'must be a village (community) code of 12 digits';
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const MONTH_MESSAGE = 'must be a month as YYYY-MM';

/** Trimmed, without blanks and repeats, in the order given. */
export function cleanList(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((value) => value.trim()).filter((value) => value.length > 0))];
}
