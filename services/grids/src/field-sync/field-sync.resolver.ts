import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser, type RequestWithUser } from '@lianxin/auth';
import { FIELD_WORKERS } from '../common/access.js';
import { SyncFieldWorkInput } from './field-sync.inputs.js';
import { FieldSyncService } from './field-sync.service.js';
import { SyncFieldWorkPayload } from './field-sync.types.js';

@Resolver()
export class FieldSyncResolver {
  constructor(private readonly sync: FieldSyncService) {}

  @Mutation(() => SyncFieldWorkPayload, {
    description:
      'Send work recorded offline (visits, patrols, hazards, case reports), applied in order with a result per item; a replayed item answers ALREADY_APPLIED, a bad one REJECTED without sinking the rest. At most 100 items. 离线记录批量同步',
  })
  @Roles(...FIELD_WORKERS)
  syncFieldWork(
    @CurrentUser() user: AuthUser,
    @Args('input', { description: 'The items. 输入' }) input: SyncFieldWorkInput,
    @Context() context: { req: RequestWithUser },
  ): Promise<SyncFieldWorkPayload> {
    // Case reports are handed on to cases with the caller's own token (cases-client.ts).
    const header = context.req.headers.authorization;
    return this.sync.sync(user, input, (Array.isArray(header) ? header[0] : header) ?? '');
  }
}
