import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, authenticatedUser, CurrentUser, type AuthUser, type RequestWithUser } from '@lianxin/auth';
import { Roles } from '@lianxin/auth';
import { requestLoader } from '@lianxin/graphql';
import { OwnerType } from '../owner/owner-type.js';
import { ATTACH_ROLES } from './attachment.policy.js';
import { AttachmentService } from './attachment.service.js';
import { AttachMediaInput, AttachMediaPayload, AttachmentView, PhotoLocation, SignedLink, UploadView } from './attachment.types.js';

type Ctx = { req: RequestWithUser };

/** The attachments of one owner for the caller, batched per request and owner type. */
export function ownerAttachments(service: AttachmentService, context: Ctx, ownerType: OwnerType, ownerId: string): Promise<AttachmentView[]> {
  const user = authenticatedUser(context);
  return requestLoader<string, AttachmentView[]>(context, `media-attachments:${ownerType}`, async (ids) => {
    const found = await service.ofOwners(user, ownerType, ids);
    return ids.map((id) => found.get(id) ?? []);
  })
    .load(ownerId)
    .then((views) => views ?? []);
}

@Resolver(() => AttachmentView)
export class AttachmentResolver {
  constructor(private readonly service: AttachmentService) {}

  @Mutation(() => AttachMediaPayload, {
    name: 'attachMedia',
    description:
      'Attach your finished uploads to a case, hazard, visit, patrol, service order or check-in; sending it again changes nothing. 将已上传文件关联到对象(重复提交不重复关联)',
  })
  @Roles(...ATTACH_ROLES)
  async attachMedia(@CurrentUser() user: AuthUser, @Args('input') input: AttachMediaInput): Promise<AttachMediaPayload> {
    return { attachments: await this.service.attach(user, input) };
  }

  @Query(() => [AttachmentView], {
    name: 'mediaAttachments',
    nullable: true,
    description: 'The attachments of one owner you may read (empty when you may not). 对象的附件',
  })
  @Roles(...ALL_ROLES)
  mediaAttachments(
    @Args('ownerType', { type: () => OwnerType }) ownerType: OwnerType,
    @Args('ownerId', { type: () => ID }) ownerId: string,
    @Context() context: Ctx,
  ): Promise<AttachmentView[]> {
    return ownerAttachments(this.service, context, ownerType, ownerId);
  }

  @Query(() => UploadView, { name: 'mediaUpload', nullable: true, description: 'One of your own uploads (null for anyone else\'s). 我的上传' })
  @Roles(...ATTACH_ROLES)
  upload(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<UploadView | null> {
    return this.service.upload(user, id);
  }

  @ResolveField(() => SignedLink, { nullable: true, description: 'A short-lived link to the file (null until it is ready, or once deleted). 限时下载链接' })
  download(@Parent() view: AttachmentView): Promise<SignedLink | null> {
    return this.service.link(view, 'file');
  }

  @ResolveField(() => SignedLink, { nullable: true, description: 'A short-lived link to a 320 px WebP thumbnail (images). 缩略图链接' })
  thumbnail(@Parent() view: AttachmentView): Promise<SignedLink | null> {
    return this.service.link(view, 'thumbnail');
  }

  @ResolveField(() => PhotoLocation, {
    nullable: true,
    description: 'Where the photo was taken (EXIF): staff who may read the owner only; never in the file itself. 拍摄位置(仅限工作人员)',
  })
  location(@Parent() view: AttachmentView, @Context() context: Ctx): PhotoLocation | null {
    return this.service.location(authenticatedUser(context), view);
  }

  @ResolveField(() => Date, { nullable: true, description: 'When the photo was taken (EXIF, camera clock): as location. 拍摄时间' })
  takenAt(@Parent() view: AttachmentView, @Context() context: Ctx): Date | null {
    return this.service.takenAt(authenticatedUser(context), view);
  }
}
