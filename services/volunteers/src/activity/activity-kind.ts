import { registerEnumType } from '@nestjs/graphql';

export enum ActivityKind {
  CLEAN_UP = 'CLEAN_UP',
  SECURITY_PATROL = 'SECURITY_PATROL',
  FREE_CLINIC = 'FREE_CLINIC',
  POLICY_TALK = 'POLICY_TALK',
  OTHER = 'OTHER',
}

registerEnumType(ActivityKind, {
  name: 'ActivityKind',
  description: 'Kind of volunteer activity. 志愿活动类别',
  valuesMap: {
    CLEAN_UP: { description: 'Environment clean-up. 环境整治' },
    SECURITY_PATROL: { description: 'Security patrol. 治安巡逻' },
    FREE_CLINIC: { description: 'Free clinic. 义诊' },
    POLICY_TALK: { description: 'Policy and law talk. 政策宣讲' },
    OTHER: { description: 'Other service. 其他服务' },
  },
});
