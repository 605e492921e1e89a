import { addDays } from '../common/calendar.js';
import type { ActivityDelta, SatisfactionDelta } from '../projection/case-activity.js';
import { AssessmentKind, TrainingKind } from '../staff-assessment/assessment-enums.js';
import { DEMO_USER_IDS, gridLeaderOf, gridWorkerOf, personIdFor, seededRandom, seedOf, townshipAdminOf, villageAdminOf } from './demo-ids.js';

/**
 * The demo grid staff assessments (pure): the full-time worker of each of the 27 demo grids
 * (`staff:<grid>:1`; grid.worker and grid.worker2 in theirs) and grid.leader, with a year (2025) of
 * platform activity written straight into the projections — the demo cases carry no events — and the
 * assessments of 2025 completed from those projections, so their scores are a recount of them.
 */
const VILLAGES = ['330402001001', '330402001002', '330402001003', '330402002001', '330402002002', '330402002003', '330402003001', '330402003002', '330402003003'];
export const DEMO_GRIDS = VILLAGES.flatMap((village) => ['001', '002', '003'].map((suffix) => `${village}${suffix}`));
export const ACTIVITY_YEAR = 2025;

export interface DemoStaff {
  userId: string;
  personId: string;
  gridCode: string;
  leader: boolean;
  /** How hard they work, 0.55–1: scales visits, cases and the entered scores, so rankings differ. */
  diligence: number;
}

export function demoStaff(): DemoStaff[] {
  const workers = DEMO_GRIDS.map((gridCode) => ({ userId: gridWorkerOf(gridCode), personId: personIdFor(`staff:${gridCode}:1`), gridCode, leader: false }));
  const leader = { userId: DEMO_USER_IDS.gridLeader, personId: personIdFor('staff:330402001001001:0'), gridCode: '330402001001001', leader: true };
  return [...workers, leader].map((staff) => ({ ...staff, diligence: 0.55 + 0.45 * seededRandom(seedOf(staff.userId))() }));
}

/** The demo accounts among them get the monthly, half-yearly and year-end assessments and trainings too. */
export const DEMO_ACCOUNT_USER_IDS: readonly string[] = [DEMO_USER_IDS.gridWorker, DEMO_USER_IDS.gridWorker2, DEMO_USER_IDS.gridLeader];

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) days.push(day);
  return days;
}

const isWeekday = (day: string) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** A year of one staff member's visits and cases, day by day (only days with something on them). */
export function demoActivity(staff: DemoStaff, year = ACTIVITY_YEAR): ActivityDelta[] {
  const random = seededRandom(seedOf(`activity:${staff.userId}:${year}`));
  const rows: ActivityDelta[] = [];
  for (const day of daysOf(year)) {
    const working = isWeekday(day);
    const visits = working ? Math.floor(random() * 2.2 * staff.diligence * (staff.leader ? 0.5 : 1)) : 0;
    const casesFound = random() < 0.18 * staff.diligence ? 1 : 0;
    const casesClosed = working && random() < 0.15 ? 1 : 0;
    const casesClosedOnTime = casesClosed && random() < 0.6 + 0.4 * staff.diligence ? 1 : 0;
    if (visits + casesFound + casesClosed > 0) rows.push({ userId: staff.userId, gridCode: staff.gridCode, day, visits, casesFound, casesClosed, casesClosedOnTime });
  }
  return rows;
}

/** A year of residents' case ratings in a grid. */
export function demoSatisfaction(gridCode: string, year = ACTIVITY_YEAR): SatisfactionDelta[] {
  const random = seededRandom(seedOf(`satisfaction:${gridCode}:${year}`));
  const rows: SatisfactionDelta[] = [];
  for (const day of daysOf(year)) {
    if (random() > 0.12) continue;
    const roll = random();
    rows.push({ gridCode, day, satisfied: roll < 0.75 ? 1 : 0, basicallySatisfied: roll >= 0.75 && roll < 0.95 ? 1 : 0, unsatisfied: roll >= 0.95 ? 1 : 0 });
  }
  return rows;
}

export interface DemoAssessment {
  kind: AssessmentKind;
  period: string;
  staff: DemoStaff;
  assessedBy: string;
  role: string;
  /** When it is recorded as completed: a few days after the period. */
  completedAt: Date;
  quantifiedItems: Array<{ name: string; points: number; maxPoints: number }>;
  votes: { satisfied: number; basicallySatisfied: number; unsatisfied: number };
}

const ITEMS = [
  { name: '信息采集与台账管理', maxPoints: 20 },
  { name: '巡查走访', maxPoints: 30 },
  { name: '矛盾纠纷排查化解', maxPoints: 25 },
  { name: '政策宣传与便民服务', maxPoints: 25 },
];

function assessment(kind: AssessmentKind, period: string, periodEnd: string, staff: DemoStaff): DemoAssessment {
  const random = seededRandom(seedOf(`assessment:${kind}:${period}:${staff.userId}`));
  const village = staff.gridCode.slice(0, 12);
  const assessor =
    kind === AssessmentKind.GRID_MONTHLY && !staff.leader
      ? { assessedBy: gridLeaderOf(staff.gridCode), role: 'grid-leader' }
      : kind === AssessmentKind.TOWNSHIP_HALF_YEARLY || kind === AssessmentKind.TOWNSHIP_YEAR_END
        ? { assessedBy: townshipAdminOf(village), role: 'township-admin' }
        : { assessedBy: villageAdminOf(village), role: 'village-admin' };
  const share = () => Math.min(1, 0.6 + 0.3 * staff.diligence + 0.1 * random());
  const voters = 30 + Math.floor(random() * 20);
  const unsatisfied = Math.floor(random() * 3);
  const satisfied = Math.round((voters - unsatisfied) * Math.min(0.95, 0.5 + 0.45 * staff.diligence));
  return {
    kind,
    period,
    staff,
    ...assessor,
    completedAt: new Date(`${addDays(periodEnd, 5)}T10:00:00+08:00`),
    quantifiedItems: ITEMS.map((item) => ({ ...item, points: Math.round(item.maxPoints * share() * 2) / 2 })),
    votes: { satisfied, basicallySatisfied: voters - unsatisfied - satisfied, unsatisfied },
  };
}

/** Quarterly (Q4) for every staff member — enough for rankings; the rest for the demo accounts. */
export function demoAssessments(): DemoAssessment[] {
  const staff = demoStaff();
  const accounts = staff.filter((s) => DEMO_ACCOUNT_USER_IDS.includes(s.userId));
  return [
    ...accounts.flatMap((s) =>
      [
        ['2025-10', '2025-10-31'],
        ['2025-11', '2025-11-30'],
        ['2025-12', '2025-12-31'],
      ].map(([period, end]) => assessment(AssessmentKind.GRID_MONTHLY, period, end, s)),
    ),
    ...staff.map((s) => assessment(AssessmentKind.VILLAGE_QUARTERLY, '2025-Q4', '2025-12-31', s)),
    ...accounts.map((s) => assessment(AssessmentKind.TOWNSHIP_HALF_YEARLY, '2025-H2', '2025-12-31', s)),
    ...accounts.map((s) => assessment(AssessmentKind.DEMOCRATIC_HALF_YEARLY, '2025-H2', '2025-12-31', s)),
    ...accounts.map((s) => assessment(AssessmentKind.TOWNSHIP_YEAR_END, '2025', '2025-12-31', s)),
  ];
}

export interface DemoTraining {
  staff: DemoStaff;
  kind: TrainingKind;
  title: string;
  trainedOn: string;
  hours: number;
  mentorUserId: string | null;
  recordedBy: string;
}

/** The four trainings for grid.worker and grid.worker2 (the grid leader mentors grid.worker); three for the leader. */
export function demoTrainings(): DemoTraining[] {
  const staff = demoStaff().filter((s) => DEMO_ACCOUNT_USER_IDS.includes(s.userId));
  return staff.flatMap((s) => {
    const village = villageAdminOf(s.gridCode);
    const township = townshipAdminOf(s.gridCode);
    const trainings: DemoTraining[] = [
      { staff: s, kind: TrainingKind.PRE_JOB, title: '网格员岗前培训：职责清单与平台操作', trainedOn: '2025-01-15', hours: 16, mentorUserId: null, recordedBy: township },
      { staff: s, kind: TrainingKind.KEY, title: '重点人群服务管理专题培训', trainedOn: '2025-04-18', hours: 8, mentorUserId: null, recordedBy: township },
      { staff: s, kind: TrainingKind.BUSINESS, title: '矛盾纠纷排查化解业务培训', trainedOn: '2025-09-12', hours: 6, mentorUserId: null, recordedBy: village },
    ];
    if (!s.leader) {
      const mentor = s.gridCode === '330402001001001' ? DEMO_USER_IDS.gridLeader : null;
      trainings.push({ staff: s, kind: TrainingKind.MENTORING, title: '入户走访与民情日记带教', trainedOn: '2025-03-05', hours: 4, mentorUserId: mentor, recordedBy: mentor ?? village });
    }
    return trainings;
  });
}
