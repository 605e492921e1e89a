import { haversineMetres } from './geo.js';

describe('haversine distance', () => {
  it('measures short and long distances on the earth', () => {
    const nanhu = { longitude: 120.7555, latitude: 30.7469 };
    expect(haversineMetres(nanhu, nanhu)).toBe(0);
    // 0.001° of latitude is about 111 m.
    expect(haversineMetres(nanhu, { ...nanhu, latitude: nanhu.latitude + 0.001 })).toBeCloseTo(111.2, 0);
    // Nanhu (Jiaxing) to central Hangzhou, about 78 km.
    expect(haversineMetres(nanhu, { longitude: 120.1551, latitude: 30.2741 }) / 1000).toBeCloseTo(78, -1);
  });

  it('does not compare points without coordinates', () => {
    expect(haversineMetres({ longitude: null, latitude: null }, { longitude: 120, latitude: 30 })).toBe(Infinity);
  });
});
