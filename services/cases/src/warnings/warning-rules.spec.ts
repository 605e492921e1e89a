import {
  areaAt,
  categoryRising,
  DEFAULT_WARNING_THRESHOLDS as T,
  holderKey,
  normaliseAddress,
  supervisorOf,
  thresholdsFromCountySetting,
  WarningLevel,
} from './warning-rules.js';

describe('§8.4 warning rules (pure)', () => {
  it('§8.4 a category rising: against its own baseline scaled to the window, with a floor', () => {
    expect(categoryRising(5, 4, T)).toEqual({ fires: true, expected: 1 }); // 5 ≥ 2 × max(1, 1)
    expect(categoryRising(5, 28, T).fires).toBe(false); // expected 7: 5 < 14
    expect(categoryRising(14, 28, T).fires).toBe(true);
    expect(categoryRising(4, 0, T).fires).toBe(false); // below minRecent however quiet the baseline
  });

  it('§8.4 thresholds per county from the county setting WARNING_THRESHOLDS', () => {
    const t = thresholdsFromCountySetting({
      categoryRiseFactor: 3,
      categoryRiseMinCases: 8,
      categoryRiseWindowDays: 14,
      categoryBaselineDays: 56,
      repeatCasesPerAddress: 4,
      repeatWindowDays: 60,
      overdueClusterPerHolder: 5,
    });
    expect(t).toMatchObject({ ratio: 3, minRecent: 8, recentDays: 14, baselineDays: 56, repeatThreshold: 4, repeatWindowDays: 60, clusterThreshold: 5 });
    expect(t.disputeStageDays).toEqual(T.disputeStageDays);
    expect(categoryRising(10, 16, t).fires).toBe(false); // expected 16 × 14 / 56 = 4: 10 < 3 × 4
    expect(categoryRising(12, 16, t).fires).toBe(true);
  });

  it('§8.4 addresses written differently are one address', () => {
    expect(normaliseAddress('禾兴南路 12 号，3单元')).toBe(normaliseAddress('禾兴南路１２号3单元'));
    expect(normaliseAddress('  ')).toBeNull();
  });

  it('§8.4 who is told: the level above the holder; departments to the county', () => {
    expect(supervisorOf('GRID')).toBe(WarningLevel.VILLAGE);
    expect(supervisorOf('VILLAGE')).toBe(WarningLevel.TOWNSHIP);
    expect(supervisorOf('DEPARTMENT')).toBe(WarningLevel.COUNTY);
    expect(areaAt('330402001001001', WarningLevel.TOWNSHIP)).toBe('330402001');
    expect(holderKey({ level: 'DEPARTMENT', gridCode: '330402001001001', assigneeDepartmentCode: 'CIVIL_AFFAIRS' })).toBe('department:CIVIL_AFFAIRS');
    expect(holderKey({ level: 'VILLAGE', gridCode: '330402001001001' })).toBe('office:VILLAGE:330402001001');
  });
});
