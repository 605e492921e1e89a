/** Area codes this subgraph takes: a village (12 digits) or a grid (15). */
export const VILLAGE_OR_GRID_CODE = /^(\d{12}|\d{15})$/;
export const GRID_CODE = /^\d{15}$/;
/** Any area from county to grid, for rankings and filters. */
export const AREA_CODE = /^(\d{6}|\d{9}|\d{12}|\d{15})$/;
