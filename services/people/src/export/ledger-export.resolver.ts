import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertInScope, CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { ExportJobPayload, ExportJobRunner, ExportJobView } from '@lianxin/exports';
import { LEDGER_READER_ROLES } from '../access/person-field.policy.js';
import { LedgerExportHandler } from './ledger-export.handler.js';
import { RequestLedgerExportInput } from './ledger-export.inputs.js';
import { LEDGERS } from './ledger.js';

@Resolver()
export class LedgerExportResolver {
  constructor(
    private readonly runner: ExportJobRunner,
    private readonly handler: LedgerExportHandler,
  ) {}

  @Mutation(() => ExportJobPayload, {
    description:
      'Export a person ledger of your area (XLSX or CSV) as a job, with your masking; audited with its filter and row count. 导出人员台账（按本人权限脱敏，留痕）',
  })
  @Roles(...LEDGER_READER_ROLES)
  async requestLedgerExport(@CurrentUser() user: AuthUser, @Args('input') input: RequestLedgerExportInput): Promise<ExportJobPayload> {
    const areaCode = input.areaCode ?? user.areaCode;
    assertInScope(user, areaCode);
    const filter = { ledger: input.ledger, areaCode };
    this.handler.where(user, filter); // FORBIDDEN now, not later in the job, for a ledger the role may not export
    const job = await this.runner.request(user, { kind: 'ledger', format: input.format, areaCode, filter, fileBase: `${LEDGERS[input.ledger].title}-${areaCode}` });
    return { job: await this.runner.view(job) };
  }

  @Query(() => ExportJobView, { description: 'One of your ledger exports: progress and download link. 人员台账导出任务' })
  @Roles(...LEDGER_READER_ROLES)
  async ledgerExport(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Job id. 任务ID' }) id: string): Promise<ExportJobView> {
    return this.runner.view(await this.runner.findOwn(user, id));
  }
}
