const EARTH_RADIUS_METRES = 6_371_008.8;

export interface Coordinates {
  longitude: number | null;
  latitude: number | null;
}

/** Great-circle distance between two WGS 84 points (haversine); Infinity when a point has no coordinates. */
export function haversineMetres(a: Coordinates, b: Coordinates): number {
  if (a.longitude === null || a.latitude === null || b.longitude === null || b.latitude === null) return Infinity;
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}
