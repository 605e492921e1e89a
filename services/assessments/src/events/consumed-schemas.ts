import type { EventSchemas } from '@lianxin/events';
import { z } from 'zod';

/**
 * The declared shape of every event assessments consumes (issue 14): an event that does not match goes
 * to the dead-letter stream instead of the handler. Only what the handlers read is required.
 */
const GRID_CODE = z.string().regex(/^\d{15}$/, 'a 15-digit grid code');

/** grids.visit.recorded (VisitRecordedData). */
export const VISIT_RECORDED_SCHEMAS: EventSchemas = {
  'grids.visit.recorded': {
    versions: [1],
    data: z.object({
      gridCode: GRID_CODE,
      staffUserId: z.string().nullish(),
      visitedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'a date-time').optional(),
    }),
  },
};

/** Every cases.case.* event (CaseEventData): the common part the projection reads. */
export const CASE_EVENT_SCHEMAS: EventSchemas = {
  '*': { versions: [1], data: z.object({ caseId: z.string().min(1), gridCode: GRID_CODE }) },
};

/** grids.care.overdue (CareOverdueData). */
export const CARE_OVERDUE_SCHEMAS: EventSchemas = {
  'grids.care.overdue': {
    versions: [1],
    data: z.object({ gridCode: GRID_CODE, staffUserId: z.string().nullish(), slots: z.array(z.object({ slotId: z.string(), dueDate: z.string() })) }),
  },
};
