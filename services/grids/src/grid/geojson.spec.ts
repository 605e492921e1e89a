import { checkBoundary, MAX_BOUNDARY_POSITIONS } from './geojson.js';

const square = [
  [120.75, 30.75],
  [120.76, 30.75],
  [120.76, 30.76],
  [120.75, 30.76],
  [120.75, 30.75],
];

function reasonOf(value: unknown): string {
  const check = checkBoundary(value);
  if (check.valid) throw new Error('expected an invalid boundary');
  return check.reason;
}

describe('checkBoundary (GeoJSON Polygon / MultiPolygon)', () => {
  it('accepts a polygon and keeps only type and coordinates', () => {
    const check = checkBoundary({ type: 'Polygon', coordinates: [square], properties: { x: 1 }, crs: 'junk' });
    expect(check).toEqual({ valid: true, boundary: { type: 'Polygon', coordinates: [square] } });
  });

  it('accepts a multipolygon, a hole and altitudes', () => {
    const hole = [
      [120.752, 30.752],
      [120.753, 30.752],
      [120.753, 30.753],
      [120.752, 30.752],
    ];
    const withAltitude = square.map(([lon, lat]) => [lon, lat, 5]);
    expect(checkBoundary({ type: 'MultiPolygon', coordinates: [[square, hole], [withAltitude]] }).valid).toBe(true);
  });

  it('refuses other geometry types and non-objects', () => {
    expect(reasonOf({ type: 'Point', coordinates: [120, 30] })).toMatch(/Polygon or MultiPolygon/);
    expect(reasonOf('POLYGON((120 30, …))')).toMatch(/geometry object/);
    expect(reasonOf(null)).toMatch(/geometry object/);
    expect(reasonOf([square])).toMatch(/geometry object/);
  });

  it('refuses rings that are open or too short', () => {
    expect(reasonOf({ type: 'Polygon', coordinates: [square.slice(0, 4)] })).toMatch(/not closed/);
    expect(reasonOf({ type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] })).toMatch(/at least 4/);
    expect(reasonOf({ type: 'Polygon', coordinates: [] })).toMatch(/non-empty/);
    expect(reasonOf({ type: 'MultiPolygon', coordinates: [[]] })).toMatch(/coordinates\[0\] must be a non-empty/);
  });

  it('refuses non-numeric or out-of-range positions', () => {
    const withText = [['120.75', 30.75], ...square.slice(1)];
    expect(reasonOf({ type: 'Polygon', coordinates: [withText] })).toMatch(/numbers only/);
    const offEarth = square.map(([lon, lat]) => [lon + 100, lat]);
    expect(reasonOf({ type: 'Polygon', coordinates: [offEarth] })).toMatch(/longitude 220.75 outside/);
    const pastPole = square.map(([lon, lat]) => [lon, lat + 60]);
    expect(reasonOf({ type: 'Polygon', coordinates: [pastPole] })).toMatch(/latitude 90.75 outside/);
    expect(reasonOf({ type: 'Polygon', coordinates: [[[120], ...square.slice(1)]] })).toMatch(/\[longitude, latitude\]/);
    expect(reasonOf({ type: 'Polygon', coordinates: [square.map(([lon]) => [lon, Number.NaN])] })).toMatch(/numbers only/);
  });

  it('refuses boundaries with too many positions', () => {
    const ring = Array.from({ length: MAX_BOUNDARY_POSITIONS + 1 }, (_, i) => [120 + i / 1e6, 30]);
    ring[ring.length - 1] = ring[0];
    expect(reasonOf({ type: 'Polygon', coordinates: [ring] })).toMatch(/more than/);
  });
});
