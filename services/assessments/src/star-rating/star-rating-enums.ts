import { registerEnumType } from '@nestjs/graphql';

/** The five stars of the Chengde party member rating (星级化, DOMAIN.md §6). */
export enum PartyStar {
  POLITICAL = 'POLITICAL',
  DISCIPLINE = 'DISCIPLINE',
  MORALITY = 'MORALITY',
  DEDICATION = 'DEDICATION',
  PERFORMANCE = 'PERFORMANCE',
}

/** Red lines: any one vetoes the whole rating (一票否决). */
export enum RedLine {
  LOSS_OF_FAITH = 'LOSS_OF_FAITH',
  NOT_FULFILLING_DUTIES = 'NOT_FULFILLING_DUTIES',
  BREAKING_LAW_OR_DISCIPLINE = 'BREAKING_LAW_OR_DISCIPLINE',
  VIOLATING_SOCIAL_MORALITY = 'VIOLATING_SOCIAL_MORALITY',
}

/** The procedure "三评一定一公示", in order. */
export enum RatingStep {
  SELF_RATED = 'SELF_RATED',
  BRANCH_COMMITTEE_RATED = 'BRANCH_COMMITTEE_RATED',
  PARTY_COMMITTEE_REVIEWED = 'PARTY_COMMITTEE_REVIEWED',
  ASSEMBLY_DECIDED = 'ASSEMBLY_DECIDED',
  PUBLICLY_NOTIFIED = 'PUBLICLY_NOTIFIED',
}

/** Where a quarterly round stands: opened, then the last step recorded. */
export enum RatingRoundStatus {
  OPENED = 'OPENED',
  SELF_RATED = 'SELF_RATED',
  BRANCH_COMMITTEE_RATED = 'BRANCH_COMMITTEE_RATED',
  PARTY_COMMITTEE_REVIEWED = 'PARTY_COMMITTEE_REVIEWED',
  ASSEMBLY_DECIDED = 'ASSEMBLY_DECIDED',
  PUBLICLY_NOTIFIED = 'PUBLICLY_NOTIFIED',
}

/** What follows from a year's stars automatically. */
export enum StarRatingOutcome {
  REWARD_RECOMMENDED = 'REWARD_RECOMMENDED',
  REMINDER_TALK = 'REMINDER_TALK',
  YELLOW_CARD = 'YELLOW_CARD',
  DOWNGRADED_TO_ONE_STAR = 'DOWNGRADED_TO_ONE_STAR',
}

/** What the party committee decides for a member left with one star (or none). */
export enum OneStarMeasure {
  CORRECTION_DEADLINE = 'CORRECTION_DEADLINE',
  PERSUADE_TO_LEAVE = 'PERSUADE_TO_LEAVE',
  REMOVAL = 'REMOVAL',
}

/** The people subgraph's enum, repeated value for value so the two compose. */
export enum PartyMemberType {
  HOUSEHOLD_LINKING = 'HOUSEHOLD_LINKING',
  WITHOUT_POST = 'WITHOUT_POST',
  MOBILE = 'MOBILE',
  IN_SERVICE = 'IN_SERVICE',
  PROBATIONARY = 'PROBATIONARY',
}

registerEnumType(PartyStar, {
  name: 'PartyStar',
  description: 'One of the five stars of a party member rating. 党员星级',
  valuesMap: {
    POLITICAL: { description: 'Political star; starts at 20 and deducts, kept at 12 or more. 政治星' },
    DISCIPLINE: { description: 'Discipline star; starts at 20 and deducts, kept at 12 or more. 规矩星' },
    MORALITY: { description: 'Morality star; starts at 20 and deducts, kept at 12 or more. 道德星' },
    DEDICATION: { description: 'Dedication star; starts at 20 and deducts, kept at 12 or more. 奉献星' },
    PERFORMANCE: { description: 'Performance star; starts at 0 and adds, earned at 12. 业绩星' },
  },
});

registerEnumType(RedLine, {
  name: 'RedLine',
  description: 'A red line; crossing one vetoes the whole rating. 红线（一票否决）',
  valuesMap: {
    LOSS_OF_FAITH: { description: 'Loss of ideals and faith. 理想信念缺失' },
    NOT_FULFILLING_DUTIES: { description: "Not fulfilling a member's duties. 不履行党员义务" },
    BREAKING_LAW_OR_DISCIPLINE: { description: 'Breaking the law or party discipline. 违法违纪' },
    VIOLATING_SOCIAL_MORALITY: { description: 'Violating social morality. 违背社会公德' },
  },
});

registerEnumType(RatingStep, {
  name: 'RatingStep',
  description: 'A step of the rating procedure "三评一定一公示", in order. 评星步骤',
  valuesMap: {
    SELF_RATED: { description: 'The member rated themselves. 党员自评' },
    BRANCH_COMMITTEE_RATED: { description: 'The branch committee gave its first rating. 支委初评' },
    PARTY_COMMITTEE_REVIEWED: { description: 'The party committee reviewed it. 党委审核' },
    ASSEMBLY_DECIDED: { description: "The members' assembly decided the rating. 党员大会评定" },
    PUBLICLY_NOTIFIED: { description: 'The result was publicly notified. 公示' },
  },
});

registerEnumType(RatingRoundStatus, {
  name: 'RatingRoundStatus',
  description: 'Where a quarterly rating round stands: the last step recorded. 评星轮次状态',
  valuesMap: {
    OPENED: { description: 'Opened, nothing rated yet. 已开启' },
    SELF_RATED: { description: 'Self-rated. 已自评' },
    BRANCH_COMMITTEE_RATED: { description: 'Rated by the branch committee. 已初评' },
    PARTY_COMMITTEE_REVIEWED: { description: 'Reviewed by the party committee. 已审核' },
    ASSEMBLY_DECIDED: { description: "Decided by the members' assembly; counts for the year. 已评定" },
    PUBLICLY_NOTIFIED: { description: 'Publicly notified; complete. 已公示' },
  },
});

registerEnumType(StarRatingOutcome, {
  name: 'StarRatingOutcome',
  description: "What follows from a year's stars. 评星结果运用",
  valuesMap: {
    REWARD_RECOMMENDED: { description: 'Five stars: rewarded and recommended for honours. 五星：表彰并推荐评优' },
    REMINDER_TALK: { description: 'Two stars: a reminder talk. 二星：提醒谈话' },
    YELLOW_CARD: { description: 'Two stars: a yellow card. 二星：黄牌警告' },
    DOWNGRADED_TO_ONE_STAR: { description: 'A second yellow-card year in a row: downgraded to one star. 连续两年黄牌，降为一星' },
  },
});

registerEnumType(OneStarMeasure, {
  name: 'OneStarMeasure',
  description: 'What the party committee decides for a member with one star or none. 一星党员处置',
  valuesMap: {
    CORRECTION_DEADLINE: { description: 'A deadline to correct. 限期改正' },
    PERSUADE_TO_LEAVE: { description: 'Persuaded to leave the party. 劝其退党' },
    REMOVAL: { description: 'Removed from the party. 除名' },
  },
});

registerEnumType(PartyMemberType, {
  name: 'PartyMemberType',
  description: 'Kind of party member, as the grid work counts them. 党员类别',
  valuesMap: {
    HOUSEHOLD_LINKING: { description: 'Links a set of households. 联户党员' },
    WITHOUT_POST: { description: 'Member without a post. 无职党员' },
    MOBILE: { description: 'Mobile member living or working elsewhere. 流动党员' },
    IN_SERVICE: { description: 'In-service member of an agency or company, reported to the community (双报到). 在职党员' },
    PROBATIONARY: { description: 'Probationary member. 预备党员' },
  },
});
