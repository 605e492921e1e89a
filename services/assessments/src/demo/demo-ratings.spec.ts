import { StarRatingOutcome } from '../star-rating/star-rating-enums.js';
import { combineSheets, scoreStars } from '../star-rating/star-scoring.js';
import { yearlyOutcome } from '../star-rating/yearly-outcome.js';
import { personIdFor } from './demo-ids.js';
import { DEMO_PARTY_MEMBERS } from './demo-members.js';
import { demoRatingPlan, DemoProfile, profileOf } from './demo-ratings.js';

/** What the seeded years come to, computed with the same rules the service applies. */
function yearsOf(index: number) {
  const [key, , type] = DEMO_PARTY_MEMBERS[index];
  const quarters = demoRatingPlan().quarters.filter((q) => q.key === key);
  let previousYellow = false;
  const years: Record<number, ReturnType<typeof yearlyOutcome>> = {};
  for (const year of [2024, 2025]) {
    const sheets = quarters.filter((q) => q.year === year).map((q) => ({ items: q.entries, redLines: q.redLines.map((r) => r.redLine) }));
    if (sheets.length === 0) continue;
    const outcome = yearlyOutcome(scoreStars(combineSheets(sheets), { probationary: type === 'PROBATIONARY' }), previousYellow);
    years[year] = outcome;
    previousYellow = outcome.yellowCard;
  }
  return years;
}

describe('demo star ratings', () => {
  it('uses the people demo\'s person ids (sha1 of lianxin-demo-person:<key>)', () => {
    // Ids as the people service's seed writes them.
    expect(personIdFor('resident:2')).toBe('68a3462a-0009-5f52-86d3-63bfd9358960');
    expect(personIdFor('staff:330402001001001:2')).toBe('5470a90d-afc6-5aab-89bc-45656c4f93e4');
    expect(new Set(DEMO_PARTY_MEMBERS.map(([key]) => personIdFor(key))).size).toBe(DEMO_PARTY_MEMBERS.length);
  });

  it('rates a few dozen members over two full years and three quarters of the current one', () => {
    const { quarters } = demoRatingPlan();
    expect(DEMO_PARTY_MEMBERS.length).toBeGreaterThanOrEqual(36);
    expect(new Set(quarters.map((q) => q.year))).toEqual(new Set([2024, 2025, 2026]));
  });

  it('shows every outcome: five stars, a yellow card, two in a row (one star), a red line, probationary members', () => {
    const byProfile = (profile: DemoProfile) => DEMO_PARTY_MEMBERS.findIndex((_, index) => profileOf(index) === profile);
    expect(yearsOf(byProfile(DemoProfile.FIVE_STARS))[2025]).toMatchObject({ stars: 5, outcomes: [StarRatingOutcome.REWARD_RECOMMENDED] });
    expect(yearsOf(byProfile(DemoProfile.FOUR_STARS))[2025]).toMatchObject({ stars: 4 });
    expect(yearsOf(byProfile(DemoProfile.THREE_STARS))[2025]).toMatchObject({ stars: 3 });
    const once = yearsOf(byProfile(DemoProfile.YELLOW_CARD_ONCE));
    expect([once[2024].stars, once[2024].outcomes, once[2025].stars]).toEqual([2, [StarRatingOutcome.REMINDER_TALK, StarRatingOutcome.YELLOW_CARD], 4]);
    const twice = yearsOf(byProfile(DemoProfile.YELLOW_CARD_TWICE));
    expect([twice[2024].stars, twice[2025].stars, twice[2025].downgraded, twice[2025].measureRequired]).toEqual([2, 1, true, true]);
    expect(yearsOf(byProfile(DemoProfile.RED_LINE))[2025]).toMatchObject({ stars: 0, measureRequired: true });
    const probationary = yearsOf(byProfile(DemoProfile.PROBATIONARY));
    expect(probationary[2024]).toBeUndefined();
    expect(probationary[2025]).toMatchObject({ stars: null, informsFullMembership: true });
  });

  it('records a measure exactly for the members left with one star or none', () => {
    const { measures } = demoRatingPlan();
    const needing = DEMO_PARTY_MEMBERS.map((_, index) => index).filter((index) => yearsOf(index)[2025]?.measureRequired);
    expect(measures.map((m) => m.personId).sort()).toEqual(needing.map((index) => personIdFor(DEMO_PARTY_MEMBERS[index][0])).sort());
  });
});
