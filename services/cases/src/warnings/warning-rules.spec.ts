import {
  areaAt,
  categoryRising,
  DEFAULT_WARNING_THRESHOLDS as T,
  holderKey,
  normaliseAddress,
  parseWarningOverrides,
  supervisorOf,
  thresholdsFor,
  WarningLevel,
} from './warning-rules.js';

describe('§8.4 warning rules (pure)', () => {
  it('§8.4 a category rising: against its own baseline scaled to the window, with a floor', () => {
    expect(categoryRising(5, 4, T)).toEqual({ fires: true, expected: 1 }); // 5 ≥ 2 × max(1, 1)
    expect(categoryRising(5, 28, T).fires).toBe(false); // expected 7: 5 < 14
    expect(categoryRising(14, 28, T).fires).toBe(true);
    expect(categoryRising(4, 0, T).fires).toBe(false); // below minRecent however quiet the baseline
  });

  it('§8.4 thresholds per county; malformed overrides refused', () => {
    const overrides = parseWarningOverrides('{"330402":{"ratio":3,"disputeStageDays":{"GRID":5}}}');
    const t = thresholdsFor('330402001001001', overrides);
    expect(t.ratio).toBe(3);
    expect(t.disputeStageDays).toEqual({ GRID: 5, VILLAGE: 10, EXPERT: 30 });
    expect(thresholdsFor('330411001', overrides)).toBe(T);
    expect(() => parseWarningOverrides('{"330402":{"ratoi":3}}')).toThrow(/not a threshold/);
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
