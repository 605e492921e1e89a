import { Args, Context, Directive, Field, ID, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestWithUser } from '@lianxin/auth';
import { AttachmentPurpose } from '../attachment/attachment.entity.js';
import { ownerAttachments } from '../attachment/attachment.resolver.js';
import { AttachmentService } from '../attachment/attachment.service.js';
import { AttachmentView } from '../attachment/attachment.types.js';
import { checkInId, OwnerType } from './owner-type.js';

/*
 * The types media adds `mediaAttachments` to, by their keys (their own subgraphs own them). The field is
 * nullable: with media down the gateway returns the owner without it and a SERVICE_UNAVAILABLE error.
 * Who sees which attachments is decided in media (attachment.policy.ts) from the owner's area as its
 * own events told media, never from the representation the gateway sends.
 */

@ObjectType('Case')
@Directive('@key(fields: "id")')
export class CaseRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('Hazard')
@Directive('@key(fields: "id")')
export class HazardRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('Visit')
@Directive('@key(fields: "id")')
export class VisitRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('Patrol')
@Directive('@key(fields: "id")')
export class PatrolRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('ServiceOrder')
@Directive('@key(fields: "id")')
export class ServiceOrderRef {
  @Field(() => ID)
  id: string;
}

@ObjectType('ActivitySignUp')
@Directive('@key(fields: "activityId volunteerId")')
export class ActivitySignUpRef {
  @Field(() => ID)
  activityId: string;

  @Field(() => ID)
  volunteerId: string;
}

/** Care given to a household (grids, §8.3 "四个一"): its photos prove the visit. */
@ObjectType('CareRecord')
@Directive('@key(fields: "id")')
export class CareRecordRef {
  @Field(() => ID)
  id: string;
}

type Ctx = { req: RequestWithUser };
const DESCRIPTION = 'Photos and files attached (you see them only if you may see this record; links are short-lived). 附件';

async function filtered(views: Promise<AttachmentView[]>, purpose: AttachmentPurpose | undefined): Promise<AttachmentView[]> {
  const all = await views;
  return purpose ? all.filter((view) => view.purpose === purpose) : all;
}

const purposeArg = { name: 'purpose', type: () => AttachmentPurpose, nullable: true, description: 'Only these (e.g. RESOLUTION). 只看此用途' } as const;

@Resolver(() => CaseRef)
export class CaseAttachmentsResolver {
  constructor(private readonly service: AttachmentService) {}

  @ResolveField(() => [AttachmentView], { name: 'mediaAttachments', nullable: true, description: `${DESCRIPTION}: report and resolution photos. 上报及办结照片` })
  mediaAttachments(@Parent() ref: CaseRef, @Context() context: Ctx, @Args(purposeArg) purpose?: AttachmentPurpose) {
    return filtered(ownerAttachments(this.service, context, OwnerType.CASE, ref.id), purpose);
  }
}

@Resolver(() => HazardRef)
export class HazardAttachmentsResolver {
  constructor(private readonly service: AttachmentService) {}

  @ResolveField(() => [AttachmentView], { name: 'mediaAttachments', nullable: true, description: DESCRIPTION })
  mediaAttachments(@Parent() ref: HazardRef, @Context() context: Ctx, @Args(purposeArg) purpose?: AttachmentPurpose) {
    return filtered(ownerAttachments(this.service, context, OwnerType.HAZARD, ref.id), purpose);
  }
}

@Resolver(() => VisitRef)
export class VisitAttachmentsResolver {
  constructor(private readonly service: AttachmentService) {}

  @ResolveField(() => [AttachmentView], { name: 'mediaAttachments', nullable: true, description: DESCRIPTION })
  mediaAttachments(@Parent() ref: VisitRef, @Context() context: Ctx, @Args(purposeArg) purpose?: AttachmentPurpose) {
    return filtered(ownerAttachments(this.service, context, OwnerType.VISIT, ref.id), purpose);
  }
}

@Resolver(() => PatrolRef)
export class PatrolAttachmentsResolver {
  constructor(private readonly service: AttachmentService) {}

  @ResolveField(() => [AttachmentView], { name: 'mediaAttachments', nullable: true, description: DESCRIPTION })
  mediaAttachments(@Parent() ref: PatrolRef, @Context() context: Ctx, @Args(purposeArg) purpose?: AttachmentPurpose) {
    return filtered(ownerAttachments(this.service, context, OwnerType.PATROL, ref.id), purpose);
  }
}

@Resolver(() => ServiceOrderRef)
export class ServiceOrderAttachmentsResolver {
  constructor(private readonly service: AttachmentService) {}

  @ResolveField(() => [AttachmentView], { name: 'mediaAttachments', nullable: true, description: `${DESCRIPTION}: e.g. completion photos. 完成照片等` })
  mediaAttachments(@Parent() ref: ServiceOrderRef, @Context() context: Ctx, @Args(purposeArg) purpose?: AttachmentPurpose) {
    return filtered(ownerAttachments(this.service, context, OwnerType.SERVICE_ORDER, ref.id), purpose);
  }
}

@Resolver(() => ActivitySignUpRef)
export class CheckInAttachmentsResolver {
  constructor(private readonly service: AttachmentService) {}

  @ResolveField(() => [AttachmentView], { name: 'mediaAttachments', nullable: true, description: `${DESCRIPTION}: check-in photos. 签到照片` })
  mediaAttachments(@Parent() ref: ActivitySignUpRef, @Context() context: Ctx, @Args(purposeArg) purpose?: AttachmentPurpose) {
    return filtered(ownerAttachments(this.service, context, OwnerType.ACTIVITY_CHECK_IN, checkInId(ref.activityId, ref.volunteerId)), purpose);
  }
}

@Resolver(() => CareRecordRef)
export class CareRecordAttachmentsResolver {
  constructor(private readonly service: AttachmentService) {}

  @ResolveField(() => [AttachmentView], { name: 'mediaAttachments', nullable: true, description: `${DESCRIPTION}: photos of the visit (proof of care). 关爱照片` })
  mediaAttachments(@Parent() ref: CareRecordRef, @Context() context: Ctx, @Args(purposeArg) purpose?: AttachmentPurpose) {
    return filtered(ownerAttachments(this.service, context, OwnerType.CARE_RECORD, ref.id), purpose);
  }
}

export const OWNER_REFS = [CaseRef, HazardRef, VisitRef, PatrolRef, ServiceOrderRef, ActivitySignUpRef, CareRecordRef];

export const OWNER_FIELD_RESOLVERS = [
  CaseAttachmentsResolver,
  HazardAttachmentsResolver,
  VisitAttachmentsResolver,
  PatrolAttachmentsResolver,
  ServiceOrderAttachmentsResolver,
  CheckInAttachmentsResolver,
  CareRecordAttachmentsResolver,
];
