/**
 * Grid codes extend the 12-digit village code by 3 digits per level (DOMAIN.md §1):
 * a grid has 15 digits, a micro-grid 18, and each starts with the code of the level above.
 */
export const GRID_CODE = /^\d{15}$/;
export const MICRO_GRID_CODE = /^\d{18}$/;
export const VILLAGE_CODE = /^\d{12}$/;

export function isGridCode(code: string): boolean {
  return GRID_CODE.test(code);
}

export function villageCodeOf(gridCode: string): string {
  return gridCode.slice(0, 12);
}

export function gridCodeOf(microGridCode: string): string {
  return microGridCode.slice(0, 15);
}
