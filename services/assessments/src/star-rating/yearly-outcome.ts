import { StarRatingOutcome } from './star-rating-enums.js';
import type { StarResult } from './star-scoring.js';

/**
 * What a final year's stars lead to (DOMAIN.md §6):
 *
 * 5. Five stars: rewarded and recommended for honours.
 * 6. Two stars: a reminder talk and a yellow card.
 * 7. Two consecutive yellow-card years: the second year is downgraded to one star.
 * 8. One star (also after a downgrade), or none: the party committee picks a measure — a deadline to
 *    correct, persuasion to leave, or removal (OneStarMeasure, recorded separately). Zero stars (a red
 *    line, or every star lost) is handled like one star.
 * 9. A probationary member gets no stars, so none of these; the score is kept and informs full membership.
 */
export interface YearlyOutcome {
  stars: number | null;
  /** The year earned a yellow card on its own score (two stars), whether or not it was downgraded. */
  yellowCard: boolean;
  downgraded: boolean;
  outcomes: StarRatingOutcome[];
  measureRequired: boolean;
  informsFullMembership: boolean;
}

export const REWARD_STARS = 5;
export const YELLOW_CARD_STARS = 2;
export const DOWNGRADED_STARS = 1;
export const MEASURE_AT_MOST = 1;

export function yearlyOutcome(result: Pick<StarResult, 'stars'>, previousYearYellowCard: boolean): YearlyOutcome {
  if (result.stars === null) {
    return { stars: null, yellowCard: false, downgraded: false, outcomes: [], measureRequired: false, informsFullMembership: true };
  }
  const yellowCard = result.stars === YELLOW_CARD_STARS;
  const downgraded = yellowCard && previousYearYellowCard;
  const stars = downgraded ? DOWNGRADED_STARS : result.stars;
  const outcomes: StarRatingOutcome[] = [];
  if (stars === REWARD_STARS) outcomes.push(StarRatingOutcome.REWARD_RECOMMENDED);
  if (yellowCard && !downgraded) outcomes.push(StarRatingOutcome.REMINDER_TALK, StarRatingOutcome.YELLOW_CARD);
  if (downgraded) outcomes.push(StarRatingOutcome.YELLOW_CARD, StarRatingOutcome.DOWNGRADED_TO_ONE_STAR);
  return { stars, yellowCard, downgraded, outcomes, measureRequired: stars <= MEASURE_AT_MOST, informsFullMembership: false };
}
