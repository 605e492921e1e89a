import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@lianxin/graphql';
import { Case } from './case.entity.js';

export const CaseConnection = ConnectionType(Case, 'Case', 'Cases. 事项');

export interface CasePayloadShape {
  case: Case;
}

/** `<Mutation>Payload { case }`: each mutation has its own payload type (ARCHITECTURE.md, API conventions). */
function casePayload(name: string, description: string): Type<CasePayloadShape> {
  @ObjectType(name, { description })
  class Payload {
    @Field(() => Case, { description: 'The case after the change. 变更后的事项' })
    case: Case;
  }
  return Payload;
}

export const ReportCasePayload = casePayload('ReportCasePayload', 'The reported case. 反映结果');
export const VerifyCasePayload = casePayload('VerifyCasePayload', 'The verified case. 核单结果');
export const ReturnCasePayload = casePayload('ReturnCasePayload', 'The returned case. 退回结果');
export const ScheduleCasePayload = casePayload('ScheduleCasePayload', 'The listed case. 清单限时办结果');
export const EscalateCasePayload = casePayload('EscalateCasePayload', 'The escalated case. 上报结果');
export const PlaceOrderPayload = casePayload('PlaceOrderPayload', 'The ordered case. 下单结果');
export const DispatchCasePayload = casePayload('DispatchCasePayload', 'The dispatched case. 派单结果');
export const AcceptCasePayload = casePayload('AcceptCasePayload', 'The accepted case. 接单结果');
export const SendBackCasePayload = casePayload('SendBackCasePayload', 'The case sent back. 退回结果');
export const ResolveCasePayload = casePayload('ResolveCasePayload', 'The resolved case. 办结结果');
export const FeedBackCasePayload = casePayload('FeedBackCasePayload', 'The case fed back. 反馈结果');
export const RateCasePayload = casePayload('RateCasePayload', 'The rated case (closed or reopened). 评价结果');
export const RecordReturnVisitPayload = casePayload('RecordReturnVisitPayload', 'The case with the proxy rating (closed or reopened). 回访结果');
export const CloseUnsatisfiedCasePayload = casePayload('CloseUnsatisfiedCasePayload', 'The closed case. 审核关闭结果');

@ObjectType({ description: 'The case for the hotline work order. 12345工单转入结果' })
export class IntakeHotlineOrderPayload {
  @Field(() => Case, { description: 'The case. 事项' })
  case: Case;

  @Field({ description: 'False when the work order had already come in: the existing case is returned. 是否新建' })
  created: boolean;
}

@ObjectType({ description: 'Both cases after a merge. 合并结果' })
export class MergeCasesPayload {
  @Field(() => Case, { description: 'The case that stays, with the reporters of the other. 保留事项' })
  survivor: Case;

  @Field(() => Case, { description: 'The merged duplicate (status MERGED). 被合并事项' })
  merged: Case;
}
