import { PartyStar, RedLine, StarRatingOutcome } from './star-rating-enums.js';
import { combineSheets, isValidPoints, scoreStars, type ScoreItem, type StarSheet } from './star-scoring.js';
import { yearlyOutcome } from './yearly-outcome.js';

const full = { probationary: false };
const sheet = (items: ScoreItem[], redLines: RedLine[] = []): StarSheet => ({ items, redLines });
/** A sheet that earns PERFORMANCE and keeps every other star. */
const performing = (extra: ScoreItem[] = []): StarSheet => sheet([{ star: PartyStar.PERFORMANCE, points: 12 }, ...extra]);
const scoreOf = (result: ReturnType<typeof scoreStars>, star: PartyStar) => result.scores.find((score) => score.star === star)!;

describe('party member star rating (星级化, DOMAIN.md §6)', () => {
  describe('rule 1: political, discipline, morality and dedication start at 20 and deduct; below 12 the star is lost', () => {
    it('starts each of the four at 20 points with nothing deducted', () => {
      const result = scoreStars(sheet([]), full);
      for (const star of [PartyStar.POLITICAL, PartyStar.DISCIPLINE, PartyStar.MORALITY, PartyStar.DEDICATION]) {
        expect(scoreOf(result, star)).toEqual({ star, score: 20, earned: true });
      }
    });

    it('keeps the star at exactly 12 (20 − 8)', () => {
      const result = scoreStars(performing([{ star: PartyStar.DISCIPLINE, points: 5 }, { star: PartyStar.DISCIPLINE, points: 3 }]), full);
      expect(scoreOf(result, PartyStar.DISCIPLINE)).toEqual({ star: PartyStar.DISCIPLINE, score: 12, earned: true });
      expect(result.stars).toBe(5);
    });

    it('loses the star at 11.5 (20 − 8.5)', () => {
      const result = scoreStars(performing([{ star: PartyStar.MORALITY, points: 8.5 }]), full);
      expect(scoreOf(result, PartyStar.MORALITY)).toEqual({ star: PartyStar.MORALITY, score: 11.5, earned: false });
      expect(result.stars).toBe(4);
    });

    it('does not go below 0 however much is deducted', () => {
      const result = scoreStars(sheet([{ star: PartyStar.POLITICAL, points: 15 }, { star: PartyStar.POLITICAL, points: 15 }]), full);
      expect(scoreOf(result, PartyStar.POLITICAL).score).toBe(0);
    });

    it('adds tenths exactly (20 − 2.7 − 5.8 = 11.5 loses the star)', () => {
      const result = scoreStars(sheet([{ star: PartyStar.DEDICATION, points: 2.7 }, { star: PartyStar.DEDICATION, points: 5.8 }]), full);
      expect(scoreOf(result, PartyStar.DEDICATION)).toEqual({ star: PartyStar.DEDICATION, score: 11.5, earned: false });
    });
  });

  describe('rule 2: performance starts at 0 and adds; 12 earns the star', () => {
    it('starts at 0 without additions', () => {
      expect(scoreOf(scoreStars(sheet([]), full), PartyStar.PERFORMANCE)).toEqual({ star: PartyStar.PERFORMANCE, score: 0, earned: false });
    });

    it('does not earn the star at 11.9 (5.3 + 6.6)', () => {
      const result = scoreStars(sheet([{ star: PartyStar.PERFORMANCE, points: 5.3 }, { star: PartyStar.PERFORMANCE, points: 6.6 }]), full);
      expect(scoreOf(result, PartyStar.PERFORMANCE)).toEqual({ star: PartyStar.PERFORMANCE, score: 11.9, earned: false });
      expect(result.stars).toBe(4);
    });

    it('earns the star at 12', () => {
      const result = scoreStars(sheet([{ star: PartyStar.PERFORMANCE, points: 5.4 }, { star: PartyStar.PERFORMANCE, points: 6.6 }]), full);
      expect(scoreOf(result, PartyStar.PERFORMANCE)).toEqual({ star: PartyStar.PERFORMANCE, score: 12, earned: true });
      expect(result.stars).toBe(5);
    });

    it('is capped at 20, so five stars add up to at most 100', () => {
      const result = scoreStars(sheet([{ star: PartyStar.PERFORMANCE, points: 15 }, { star: PartyStar.PERFORMANCE, points: 15 }]), full);
      expect(scoreOf(result, PartyStar.PERFORMANCE).score).toBe(20);
      expect(result.totalScore).toBe(100);
    });
  });

  describe('rule 3: a red line vetoes the whole rating', () => {
    it.each(Object.values(RedLine))('gives 0 stars for %s even with full scores', (redLine) => {
      const result = scoreStars(sheet([{ star: PartyStar.PERFORMANCE, points: 20 }], [redLine]), full);
      expect(result.earnedStars).toBe(5);
      expect(result.vetoed).toBe(true);
      expect(result.stars).toBe(0);
      expect(result.totalScore).toBe(100);
    });
  });

  describe('rule 4: probationary members are scored but get no stars', () => {
    it('keeps the score and gives null stars', () => {
      const result = scoreStars(performing([{ star: PartyStar.POLITICAL, points: 2 }]), { probationary: true });
      expect(result.stars).toBeNull();
      expect(result.earnedStars).toBe(5);
      expect(result.totalScore).toBe(18 + 20 + 20 + 20 + 12);
      expect(yearlyOutcome(result, false)).toEqual({
        stars: null,
        yellowCard: false,
        downgraded: false,
        outcomes: [],
        measureRequired: false,
        informsFullMembership: true,
      });
    });
  });

  describe('rated quarterly, assessed per year: the year sums its four quarters', () => {
    it('loses a star over the year that no single quarter lost (4 × 2.5 deducted → 10)', () => {
      const quarter = sheet([{ star: PartyStar.DISCIPLINE, points: 2.5 }, { star: PartyStar.PERFORMANCE, points: 3 }]);
      expect(scoreStars(quarter, full).scores.find((s) => s.star === PartyStar.DISCIPLINE)!.earned).toBe(true);
      const year = scoreStars(combineSheets([quarter, quarter, quarter, quarter]), full);
      expect(scoreOf(year, PartyStar.DISCIPLINE)).toEqual({ star: PartyStar.DISCIPLINE, score: 10, earned: false });
      expect(scoreOf(year, PartyStar.PERFORMANCE)).toEqual({ star: PartyStar.PERFORMANCE, score: 12, earned: true });
      expect(year.stars).toBe(4);
    });

    it('vetoes the year for a red line in any one quarter', () => {
      const year = scoreStars(combineSheets([performing(), sheet([], [RedLine.LOSS_OF_FAITH]), sheet([]), sheet([])]), full);
      expect(year.stars).toBe(0);
    });
  });

  it('accepts points in tenths only', () => {
    expect([0.1, 2.5, 12, 20].every(isValidPoints)).toBe(true);
    expect([0, -1, 0.05, Number.NaN, Infinity].some(isValidPoints)).toBe(false);
  });
});

describe('yearly outcomes', () => {
  const stars = (n: number | null) => ({ stars: n });

  it('rule 5: five stars → rewarded and recommended for honours', () => {
    expect(yearlyOutcome(stars(5), false)).toMatchObject({ stars: 5, outcomes: [StarRatingOutcome.REWARD_RECOMMENDED], measureRequired: false });
  });

  it('three and four stars lead to nothing further', () => {
    expect(yearlyOutcome(stars(4), true)).toMatchObject({ stars: 4, outcomes: [], yellowCard: false, measureRequired: false });
    expect(yearlyOutcome(stars(3), false)).toMatchObject({ stars: 3, outcomes: [] });
  });

  it('rule 6: two stars → a reminder talk and a yellow card', () => {
    expect(yearlyOutcome(stars(2), false)).toEqual({
      stars: 2,
      yellowCard: true,
      downgraded: false,
      outcomes: [StarRatingOutcome.REMINDER_TALK, StarRatingOutcome.YELLOW_CARD],
      measureRequired: false,
      informsFullMembership: false,
    });
  });

  it('rule 7: two consecutive yellow-card years → the second is downgraded to one star', () => {
    const year1 = yearlyOutcome(stars(2), false);
    const year2 = yearlyOutcome(stars(2), year1.yellowCard);
    expect(year2).toEqual({
      stars: 1,
      yellowCard: true,
      downgraded: true,
      outcomes: [StarRatingOutcome.YELLOW_CARD, StarRatingOutcome.DOWNGRADED_TO_ONE_STAR],
      measureRequired: true,
      informsFullMembership: false,
    });
    // A year in between without a yellow card breaks the run.
    expect(yearlyOutcome(stars(2), yearlyOutcome(stars(3), true).yellowCard).stars).toBe(2);
  });

  it('rule 8: one star (or none) → the committee must pick a measure', () => {
    expect(yearlyOutcome(stars(1), false)).toMatchObject({ stars: 1, outcomes: [], measureRequired: true });
    expect(yearlyOutcome(stars(0), false)).toMatchObject({ stars: 0, measureRequired: true });
  });
});
