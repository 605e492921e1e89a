import { registerEnumType } from '@nestjs/graphql';

/** What is on public notice (DOMAIN.md §8.5). */
export enum PublicNoticeKind {
  STAR_RATING = 'STAR_RATING',
  POINTS_LEADERBOARD = 'POINTS_LEADERBOARD',
}

/** OPEN: in its notice period (objections may be filed); FINAL: the committee made the result final. */
export enum PublicNoticeStatus {
  OPEN = 'OPEN',
  FINAL = 'FINAL',
}

/** The committee's answer to an objection. */
export enum ObjectionOutcome {
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}

registerEnumType(PublicNoticeKind, {
  name: 'PublicNoticeKind',
  description: 'What is on public notice. 公示类别',
  valuesMap: {
    STAR_RATING: { description: "A party member's quarterly star rating (三评一定一公示). 党员星级评定" },
    POINTS_LEADERBOARD: { description: "A village's monthly points leaderboard. 月度积分榜" },
  },
});
registerEnumType(PublicNoticeStatus, {
  name: 'PublicNoticeStatus',
  description: 'Where a public notice stands. 公示状态',
  valuesMap: {
    OPEN: { description: 'In its notice period: objections may be filed. 公示中' },
    FINAL: { description: 'The committee made the result final after answering every objection. 已定' },
  },
});
registerEnumType(ObjectionOutcome, {
  name: 'ObjectionOutcome',
  description: "The committee's answer to an objection. 异议处理结果",
  valuesMap: {
    UPHELD: { description: 'The objection holds: the committee corrects the result. 异议成立' },
    DISMISSED: { description: 'The objection does not hold; the result stands. 异议不成立' },
  },
});
