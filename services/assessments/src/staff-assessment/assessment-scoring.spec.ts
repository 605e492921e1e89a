import { GraphQLError } from 'graphql';
import { AssessmentKind } from './assessment-enums.js';
import { periodOf } from './assessment-period.js';
import { DEFAULT_WEIGHTS, platformScore, quantifiedScore, totalScore, voteScore, weightsProblem } from './assessment-scoring.js';
import { averageByArea, rankByScore } from './ranking.js';

const none = { visits: 0, casesFound: 0, casesClosed: 0, casesClosedOnTime: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };

describe('grid staff assessment (四培五考, DOMAIN.md §6)', () => {
  describe('the five assessments and their periods', () => {
    it.each([
      [AssessmentKind.GRID_MONTHLY, '2026-02', '2026-02-01', '2026-02-28', 28],
      [AssessmentKind.VILLAGE_QUARTERLY, '2026-Q3', '2026-07-01', '2026-09-30', 92],
      [AssessmentKind.TOWNSHIP_HALF_YEARLY, '2026-H1', '2026-01-01', '2026-06-30', 181],
      [AssessmentKind.DEMOCRATIC_HALF_YEARLY, '2024-H2', '2024-07-01', '2024-12-31', 184],
      [AssessmentKind.TOWNSHIP_YEAR_END, '2024', '2024-01-01', '2024-12-31', 366],
    ])('%s %s runs from %s to %s (%i days)', (kind, period, first, last, days) => {
      expect(periodOf(kind, period)).toEqual({ period, first, last, days });
    });

    it('refuses a period written another way with BAD_USER_INPUT on the field', () => {
      for (const [kind, period] of [
        [AssessmentKind.GRID_MONTHLY, '2026-13'],
        [AssessmentKind.VILLAGE_QUARTERLY, '2026-03'],
        [AssessmentKind.TOWNSHIP_YEAR_END, '2026-H1'],
      ] as const) {
        expect(() => periodOf(kind, period)).toThrow(GraphQLError);
        try {
          periodOf(kind, period);
        } catch (error) {
          expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
        }
      }
    });
  });

  describe('weights (default 0.4 / 0.4 / 0.2) must add up to 1', () => {
    it('accepts the defaults of every kind', () => {
      for (const weights of Object.values(DEFAULT_WEIGHTS)) expect(weightsProblem(weights)).toBeNull();
      expect(DEFAULT_WEIGHTS.GRID_MONTHLY).toEqual({ quantified: 0.4, platform: 0.4, democratic: 0.2 });
    });

    it('refuses weights that add up to 0.9 or 1.1, or a negative weight', () => {
      expect(weightsProblem({ quantified: 0.4, platform: 0.3, democratic: 0.2 })).toMatch(/add up to 1, not 0.9/);
      expect(weightsProblem({ quantified: 0.5, platform: 0.4, democratic: 0.2 })).toMatch(/not 1.1/);
      expect(weightsProblem({ quantified: -0.2, platform: 1, democratic: 0.2 })).toMatch(/between 0 and 1/);
      expect(weightsProblem({ quantified: 0.1, platform: 0.2, democratic: 0.7 })).toBeNull();
    });
  });

  describe('democratic votes: satisfied 100, basically satisfied 60, unsatisfied 0', () => {
    it('scores 30 / 15 / 5 votes as (3000 + 900) ÷ 50 = 78', () => {
      expect(voteScore({ satisfied: 30, basicallySatisfied: 15, unsatisfied: 5 })).toBe(78);
    });

    it('gives 100 for unanimous satisfaction, 0 for unanimous dissatisfaction, null without votes', () => {
      expect(voteScore({ satisfied: 7, basicallySatisfied: 0, unsatisfied: 0 })).toBe(100);
      expect(voteScore({ satisfied: 0, basicallySatisfied: 0, unsatisfied: 3 })).toBe(0);
      expect(voteScore({ satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 })).toBeNull();
    });
  });

  it('scores quantified items as points earned over points possible', () => {
    expect(quantifiedScore([{ name: '台账', points: 18, maxPoints: 20 }, { name: '巡查', points: 27, maxPoints: 30 }, { name: '宣传', points: 40, maxPoints: 50 }])).toBe(85);
    expect(quantifiedScore([])).toBeNull();
  });

  describe('platform statistics', () => {
    it('scores a 30-day month at its targets with everything on time and satisfied as 100', () => {
      expect(platformScore({ ...none, visits: 20, casesFound: 4, casesClosed: 3, casesClosedOnTime: 3, satisfied: 2 }, 30)).toBe(100);
    });

    it('takes visits and cases found pro rata and caps them at the target', () => {
      // visits 10/20 = 0.5, found 8/4 → 1, on time 3/4, satisfaction (100 + 60 + 0)/3 = 53.33 → 0.5333
      const score = platformScore({ ...none, visits: 10, casesFound: 8, casesClosed: 4, casesClosedOnTime: 3, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1 }, 30);
      expect(score).toBe(Math.round(100 * (0.3 * 0.5 + 0.2 * 1 + 0.3 * 0.75 + 0.2 * 0.5333) * 100) / 100);
    });

    it('leaves out on time and satisfaction when nothing was closed or rated, and scales the rest up', () => {
      // visits 0.5 (30 of 60 for 90 days), found 1 (12 of 12): (0.3 × 0.5 + 0.2 × 1) ÷ 0.5 = 0.7
      expect(platformScore({ ...none, visits: 30, casesFound: 12 }, 90)).toBe(70);
      expect(platformScore(none, 31)).toBe(0);
    });
  });

  it('totals the rounded parts with the weights', () => {
    expect(totalScore({ quantified: 85, platform: 70, democratic: 78 }, DEFAULT_WEIGHTS.GRID_MONTHLY)).toBe(77.6);
    expect(totalScore({ quantified: null, platform: 70, democratic: 78 }, { quantified: 0, platform: 0.5, democratic: 0.5 })).toBe(74);
  });

  describe('rankings', () => {
    it('ranks equal scores alike and skips the next rank (1, 2, 2, 4)', () => {
      const ranked = rankByScore(
        [
          { id: 'c', score: 80 },
          { id: 'a', score: 92 },
          { id: 'd', score: 70 },
          { id: 'b', score: 80 },
        ],
        (item) => item.score,
        (item) => item.id,
      );
      expect(ranked.map(({ rank, item }) => [rank, item.id])).toEqual([
        [1, 'a'],
        [2, 'b'],
        [2, 'c'],
        [4, 'd'],
      ]);
    });

    it('averages per area', () => {
      const averages = averageByArea(
        [
          { grid: '330402001001001', score: 80 },
          { grid: '330402001001002', score: 91 },
          { grid: '330402001002001', score: 70 },
        ],
        (item) => item.grid.slice(0, 12),
        (item) => item.score,
      );
      expect(averages).toEqual([
        { areaCode: '330402001001', averageScore: 85.5, assessedCount: 2 },
        { areaCode: '330402001002', averageScore: 70, assessedCount: 1 },
      ]);
    });
  });
});

describe('issue 15 四培五考 targets per county (county setting PLATFORM_TARGETS)', () => {
  const none = { visits: 0, casesFound: 0, casesClosed: 0, casesClosedOnTime: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, stageOverruns: 0 };
  it('issue 15 a county with lower targets scores the same work higher; the default is 20 visits and 4 cases per 30 days', () => {
    const work = { ...none, visits: 10, casesFound: 2 };
    expect(platformScore(work, 30)).toBe(50);
    expect(platformScore(work, 30, { windowDays: 30, visits: 10, casesFound: 2 })).toBe(100);
    // Targets per window, pro rata: 20 visits per 60 days is 10 per 30.
    expect(platformScore(work, 30, { windowDays: 60, visits: 20, casesFound: 4 })).toBe(100);
  });
});

describe('§8.3 overdue care in 四培五考 (platform statistics)', () => {
  const none = { visits: 0, casesFound: 0, casesClosed: 0, casesClosedOnTime: 0, stageOverruns: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };
  it('§8.3 each care slot left undone is a visit short', () => {
    // 20 visits meet the target of 20 (visits part 1); 5 missed care slots leave 15 of 20 (0.75).
    const met = platformScore({ ...none, visits: 20, casesFound: 4 }, 30);
    const missed = platformScore({ ...none, visits: 20, casesFound: 4, careMissed: 5 }, 30);
    expect(met).toBe(100);
    expect(missed).toBe(Math.round((100 * (0.3 * 0.75 + 0.2 * 1)) / 0.5 * 100) / 100);
    expect(platformScore({ ...none, visits: 2, careMissed: 9 }, 30)).toBe(0); // never below nothing
  });
});
