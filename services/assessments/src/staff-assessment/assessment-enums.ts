import { registerEnumType } from '@nestjs/graphql';

/** The five assessments of "四培五考" (Linxia, DOMAIN.md §6). */
export enum AssessmentKind {
  GRID_MONTHLY = 'GRID_MONTHLY',
  VILLAGE_QUARTERLY = 'VILLAGE_QUARTERLY',
  TOWNSHIP_HALF_YEARLY = 'TOWNSHIP_HALF_YEARLY',
  DEMOCRATIC_HALF_YEARLY = 'DEMOCRATIC_HALF_YEARLY',
  TOWNSHIP_YEAR_END = 'TOWNSHIP_YEAR_END',
}

/** The four trainings of "四培五考". */
export enum TrainingKind {
  PRE_JOB = 'PRE_JOB',
  KEY = 'KEY',
  BUSINESS = 'BUSINESS',
  MENTORING = 'MENTORING',
}

registerEnumType(AssessmentKind, {
  name: 'AssessmentKind',
  description: 'One of the five assessments of grid staff (四培五考). 网格员考核类别',
  valuesMap: {
    GRID_MONTHLY: { description: 'Grid monthly assessment; period YYYY-MM. 网格月考' },
    VILLAGE_QUARTERLY: { description: 'Village (community) quarterly assessment; period YYYY-Qn. 村（社区）季考' },
    TOWNSHIP_HALF_YEARLY: { description: 'Township half-yearly assessment; period YYYY-H1 or YYYY-H2. 乡镇半年考' },
    DEMOCRATIC_HALF_YEARLY: { description: "Residents' and party members' half-yearly evaluation; period YYYY-Hn. 群众党员半年测评" },
    TOWNSHIP_YEAR_END: { description: 'Township year-end assessment; period YYYY. 乡镇年终考' },
  },
});

registerEnumType(TrainingKind, {
  name: 'TrainingKind',
  description: 'One of the four trainings of grid staff (四培). 网格员培训类别',
  valuesMap: {
    PRE_JOB: { description: 'Pre-job training. 岗前培训' },
    KEY: { description: 'Key (focused) training. 重点培训' },
    BUSINESS: { description: 'Business (skills) training. 业务培训' },
    MENTORING: { description: 'Mentoring by an experienced colleague (传帮带). 传帮带' },
  },
});
