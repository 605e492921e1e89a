import { belowFloor, perProject, projectOf, raised } from './coverage.ts';

const lines = (total: number, covered: number) => ({ lines: { total, covered } });

describe('issue 21: coverage per project with a floor that only rises', () => {
  it('groups files by project: libs/<name>, services/<name>, gateway', () => {
    expect(projectOf('services/cases/src/clock/case-clock.ts')).toBe('services/cases');
    expect(projectOf('libs/db/src/index.ts')).toBe('libs/db');
    expect(projectOf('gateway/src/server.ts')).toBe('gateway');
    expect(projectOf('tools/bench/report.ts')).toBeNull();
  });

  it('sums lines per project, rounding down', () => {
    const measured = perProject(
      {
        total: lines(999, 1),
        '/r/services/cases/src/a.ts': lines(100, 50),
        '/r/services/cases/src/b.ts': lines(200, 151),
        '/r/libs/db/src/c.ts': lines(3, 2),
      },
      '/r',
    );
    expect([...measured]).toEqual([
      ['libs/db', { pct: 66.6, total: 3 }],
      ['services/cases', { pct: 67, total: 300 }],
    ]);
  });

  it('fails a project under its floor, ignores one without a floor, and raises floors but never lowers them', () => {
    const measured = new Map([
      ['services/cases', { pct: 70 }],
      ['libs/db', { pct: 80 }],
      ['services/media', { pct: 40 }],
    ]);
    expect(belowFloor(measured, { 'services/cases': 71, 'libs/db': 79.5 })).toEqual(['services/cases']);
    expect(raised(measured, { 'services/cases': 71, 'libs/db': 60 })).toEqual({ 'services/cases': 71, 'libs/db': 79.5, 'services/media': 39.5 });
  });
});
