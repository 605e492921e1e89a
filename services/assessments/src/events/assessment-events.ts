/**
 * Subjects this service publishes (assessments.<entity>.<event>). Envelopes carry ids, codes and
 * numbers only; names and reasons stay here.
 */
export const AssessmentEvents = {
  RATING_STEP_RECORDED: 'assessments.rating.step_recorded',
  RATING_DECIDED: 'assessments.rating.decided',
  RATING_MEASURE_RECORDED: 'assessments.rating.measure_recorded',
  ASSESSMENT_COMPLETED: 'assessments.assessment.completed',
} as const;

/** A step of "三评一定一公示" was recorded on a quarterly round (areaCode: the member's branch area). */
export interface RatingStepRecordedData {
  ratingId: string;
  roundId: string;
  personId: string;
  year: number;
  quarter: number;
  step: string;
  actorRole: string;
  /** The round's own stars after the step (null: probationary, or no sheet yet). */
  roundStars: number | null;
  version: number;
}

/** The members' assembly decided a quarter; the year's stars as they stand now. */
export interface RatingDecidedData {
  ratingId: string;
  roundId: string;
  personId: string;
  year: number;
  quarter: number;
  roundStars: number | null;
  yearStars: number | null;
  /** Q4 decided and no round of the year open: yearStars and outcomes are final. */
  yearFinal: boolean;
  outcomes: string[];
  measureRequired: boolean;
}

export interface RatingMeasureRecordedData {
  ratingId: string;
  personId: string;
  year: number;
  measure: string;
}

/** A grid staff assessment was completed (areaCode: the grid). */
export interface AssessmentCompletedData {
  assessmentId: string;
  kind: string;
  period: string;
  staffUserId: string;
  gridCode: string;
  quantifiedScore: number | null;
  platformScore: number;
  democraticScore: number | null;
  totalScore: number;
}
