import { registerEnumType } from '@nestjs/graphql';

/** What an attachment can belong to: each is a type of another subgraph that media adds fields to. */
export enum OwnerType {
  CASE = 'CASE',
  HAZARD = 'HAZARD',
  VISIT = 'VISIT',
  PATROL = 'PATROL',
  SERVICE_ORDER = 'SERVICE_ORDER',
  /** A volunteer's check-in at an activity (ActivitySignUp); its id is `<activityId>:<volunteerId>`. */
  ACTIVITY_CHECK_IN = 'ACTIVITY_CHECK_IN',
  /** Care given to a household (grids' CareRecord, §8.3): the photos that prove a visit. */
  CARE_RECORD = 'CARE_RECORD',
}

registerEnumType(OwnerType, {
  name: 'MediaOwnerType',
  description: 'What an attachment belongs to. 附件所属对象类型',
  valuesMap: {
    CASE: { description: 'A case (Case.id). 事项' },
    HAZARD: { description: 'A hazard report (Hazard.id). 隐患' },
    VISIT: { description: 'A household visit (Visit.id). 走访' },
    PATROL: { description: 'A key-place patrol (Patrol.id). 巡查' },
    SERVICE_ORDER: { description: 'A volunteer service order (ServiceOrder.id). 服务工单' },
    ACTIVITY_CHECK_IN: { description: 'A check-in at an activity: "<activityId>:<volunteerId>". 活动签到' },
    CARE_RECORD: { description: 'Care given to a household (CareRecord.id): photos as proof of the visit. 关爱记录' },
  },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An owner id of the type's shape (uuid, or two for a check-in). */
export function isOwnerId(type: OwnerType, id: string): boolean {
  if (type === OwnerType.ACTIVITY_CHECK_IN) {
    const [activityId, volunteerId, ...rest] = id.split(':');
    return rest.length === 0 && UUID.test(activityId ?? '') && UUID.test(volunteerId ?? '');
  }
  return UUID.test(id);
}

export function checkInId(activityId: string, volunteerId: string): string {
  return `${activityId}:${volunteerId}`;
}
