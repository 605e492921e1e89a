import type { GridBoundary, LinearRing } from '../grid/geojson.js';

/**
 * Proof of visit (DOMAIN.md §8.3): a care record carries where it was made; a place outside the grid's
 * boundary is flagged, never refused (phones' positions drift, and a worker may meet a resident
 * elsewhere). No boundary on file, or no place given: nothing to check (null).
 */
export function outsideGrid(boundary: GridBoundary | null, longitude: number | null | undefined, latitude: number | null | undefined): boolean | null {
  if (!boundary || longitude === null || longitude === undefined || latitude === null || latitude === undefined) return null;
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  return !polygons.some((rings) => inPolygon(rings, longitude, latitude));
}

/** Inside the outer ring and outside every hole. */
function inPolygon(rings: LinearRing[], x: number, y: number): boolean {
  const [outer, ...holes] = rings;
  return inRing(outer, x, y) && !holes.some((hole) => inRing(hole, x, y));
}

/** Ray casting (even-odd rule); points on an edge count as inside. */
function inRing(ring: LinearRing, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    const onSegment =
      Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj) && (xj - xi) * (y - yi) === (x - xi) * (yj - yi);
    if (onSegment) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
