import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { ConnectionType, PageArgs } from '@lianxin/graphql';
import { AUDIT_READER_ROLES } from '../access/person-field.policy.js';
import { RevealPersonalDataPayload } from '../person/person.types.js';
import { AuditLogEntry } from './audit-log.entity.js';
import { AuditLogFilter, RevealPersonalDataInput } from './audit.inputs.js';
import { AuditService } from './audit.service.js';
import { RevealService } from './reveal.service.js';

export const AuditLogEntryConnection = ConnectionType(AuditLogEntry, 'AuditLogEntry', 'Audit log entries. 审计记录');

@Resolver(() => AuditLogEntry)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly reveals: RevealService,
  ) {}

  @Query(() => AuditLogEntryConnection, { description: 'Reveals and look-ups of personal data in your area, newest first. 个人信息访问审计' })
  @Roles(...AUDIT_READER_ROLES)
  auditLog(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => AuditLogFilter, nullable: true, description: 'Filter. 筛选条件' }) filter?: AuditLogFilter,
  ) {
    return this.audit.search(user, filter, page);
  }

  /** Open to every role so that refused attempts are audited too; the service decides. */
  @Mutation(() => RevealPersonalDataPayload, {
    description: 'The clear ID or phone number of a person in your area, for roles that need it; every attempt is audited. 查看个人信息明文（留痕）',
  })
  @Roles(...ALL_ROLES)
  revealPersonalData(@CurrentUser() user: AuthUser, @Args('input') input: RevealPersonalDataInput): Promise<RevealPersonalDataPayload> {
    return this.reveals.reveal(user, input);
  }
}
