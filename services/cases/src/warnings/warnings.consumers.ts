import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type EventEnvelope, type EventSchemas, IdempotentConsumer } from '@lianxin/events';
import { z } from 'zod';
import { WarningsService } from './warnings.service.js';

const GRID_CODE = z.string().regex(/^\d{15}$/);

interface CaseEventFields {
  caseId: string;
  gridCode: string;
  category: string;
  level: string;
  reporterPersonId: string | null;
  assigneeDepartmentCode?: string | null;
  assigneeUserId?: string | null;
}

const CASE_SCHEMAS: EventSchemas = {
  'cases.case.reported': {
    versions: [1],
    data: z.object({ caseId: z.string().min(1), gridCode: GRID_CODE, category: z.string().min(1), reporterPersonId: z.string().nullable().optional() }),
  },
  'cases.case.overdue': {
    versions: [1],
    data: z.object({ caseId: z.string().min(1), gridCode: GRID_CODE, level: z.string().min(1) }),
  },
  '*': { versions: [1], data: z.unknown() },
};

/** The case-derived warning rules (§8.4) from cases' own events: reported → rising/repeated, overdue → clusters. */
@Injectable()
export class CaseWarningsConsumer extends IdempotentConsumer<CaseEventFields> {
  readonly name = 'cases-warnings';
  readonly filterSubject = 'cases.case.*';
  override readonly schemas = CASE_SCHEMAS;

  constructor(private readonly warnings: WarningsService) {
    super();
  }

  async handle(envelope: EventEnvelope<CaseEventFields>, em: EntityManager): Promise<void> {
    const at = new Date(envelope.occurredAt);
    if (envelope.type === 'cases.case.reported') {
      await this.warnings.onCaseReported(em, { ...envelope.data, reporterPersonId: envelope.data.reporterPersonId ?? null }, at);
    } else if (envelope.type === 'cases.case.overdue') {
      await this.warnings.onCaseOverdue(em, envelope.data, at);
    }
  }
}

interface CareOverdueFields {
  gridCode: string;
  staffId: string | null;
  staffName: string | null;
  slots: Array<{ slotId: string; householdId: string; kind: string; dueDate: string }>;
}

/** grids.care.overdue (§8.3) → CARE_OVERDUE warnings to the grid. */
@Injectable()
export class CareOverdueConsumer extends IdempotentConsumer<CareOverdueFields> {
  readonly name = 'cases-warnings-care';
  readonly filterSubject = 'grids.care.overdue';
  override readonly schemas: EventSchemas = {
    'grids.care.overdue': {
      versions: [1],
      data: z.object({
        gridCode: GRID_CODE,
        staffId: z.string().nullable(),
        staffName: z.string().nullable().optional(),
        slots: z.array(z.object({ slotId: z.string(), householdId: z.string(), kind: z.string(), dueDate: z.string() })),
      }),
    },
  };

  constructor(private readonly warnings: WarningsService) {
    super();
  }

  handle(envelope: EventEnvelope<CareOverdueFields>, em: EntityManager): Promise<void> {
    return this.warnings.onCareOverdue(em, { ...envelope.data, staffName: envelope.data.staffName ?? null }, new Date(envelope.occurredAt));
  }
}
