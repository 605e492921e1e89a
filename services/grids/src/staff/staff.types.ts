import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GridStaff } from './grid-staff.entity.js';
import { StructureFinding, type StructureCheckResult } from './structure-check.js';

registerEnumType(StructureFinding, {
  name: 'GridStructureFinding',
  description: 'A gap against the "1+1+3+N" staffing pattern. 网格力量配备缺口',
  valuesMap: {
    MISSING_LEADER: { description: 'No grid leader. 缺网格长' },
    MISSING_FULL_TIME: { description: 'No full-time grid worker. 缺专职网格员' },
    TOO_FEW_PART_TIME: { description: 'Fewer than three part-time grid workers. 兼职网格员不足 3 名' },
    NO_VOLUNTEERS: { description: 'No helpers or volunteers. 无网格志愿者' },
    TOO_FEW_WORKERS: { description: '"1+3+N": fewer than three grid workers (full- and part-time). 网格员不足 3 名' },
  },
});

@ObjectType({ description: 'How the grid\'s current team stands against "1+1+3+N". 网格力量“1+1+3+N”配备情况' })
export class GridStructureCheck implements StructureCheckResult {
  @Field({ description: 'Has a grid leader. 是否有网格长' })
  hasLeader: boolean;

  @Field({ description: 'Has at least one full-time worker. 是否有专职网格员' })
  hasFullTimeWorker: boolean;

  @Field(() => Int, { description: 'Full-time workers. 专职网格员人数' })
  fullTimeCount: number;

  @Field(() => Int, { description: 'Part-time workers (three expected). 兼职网格员人数' })
  partTimeCount: number;

  @Field(() => Int, { description: 'Helpers and volunteers (the "N"). 志愿者人数' })
  volunteerCount: number;

  @Field(() => [StructureFinding], { description: 'Gaps found; empty when the pattern is met. 缺口' })
  findings: StructureFinding[];

  @Field({ description: 'The team meets the pattern. 是否符合配备要求' })
  meetsPattern: boolean;

  @Field({ description: "The county's staffing pattern it was checked against: 1+1+3+N or 1+3+N (county setting). 配备模式" })
  pattern: string;

  @Field(() => Int, { description: 'People on the team now. 现有人数' })
  teamSize: number;

  @Field(() => Int, { nullable: true, description: "The county's expected team size for this kind of grid (≈10 urban, ≈8 rural); reported, not required. 参考人数" })
  expectedTeamSize: number | null;
}

@ObjectType({ description: 'The staff assignment after the change. 变更后的任职记录' })
export class GridStaffPayload {
  @Field(() => GridStaff, { description: 'The assignment. 任职记录' })
  staff: GridStaff;
}

@ObjectType({ description: 'The ended assignment and how many households it released. 解除任职结果' })
export class EndStaffAssignmentPayload {
  @Field(() => GridStaff, { description: 'The ended assignment. 已解除的任职记录' })
  staff: GridStaff;

  @Field(() => Int, { description: 'Households that were linked to the person and now need a new worker. 释放的包联户数' })
  releasedHouseholds: number;
}
