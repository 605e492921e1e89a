import type { EventSchemas } from '@lianxin/events';
import { z } from 'zod';

/**
 * The declared shape of every event cases consumes (issue 14): an event that does not match goes to
 * the dead-letter stream instead of the handler. As loose as the handlers' own checks: fields they do
 * not read are not required.
 */
const GRID_CODE = z.string().regex(/^\d{15}$/, 'a 15-digit grid code');

const gridNamed = z.object({ code: GRID_CODE, name: z.string().trim().min(1), version: z.number().int() });

/** grids.grid.created / grids.grid.updated (GridEventData). */
export const GRID_EVENT_SCHEMAS: EventSchemas = {
  'grids.grid.created': { versions: [1], data: gridNamed },
  'grids.grid.updated': { versions: [1], data: gridNamed },
};

/** grids.case-report.submitted (CaseReportSubmittedData, issue 17). */
export const CASE_REPORT_SUBMITTED_SCHEMAS: EventSchemas = {
  'grids.case-report.submitted': {
    versions: [1],
    data: z.object({
      caseId: z.string().uuid(),
      idempotencyKey: z.string().min(8),
      reportedBy: z.string().min(1),
      gridCode: GRID_CODE,
      title: z.string().trim().min(1).max(200),
      description: z.string().trim().min(1).max(5000),
      categoryCode: z.string().min(1),
      serviceKind: z.enum(['REMINDER', 'HELP', 'PREVENTION']),
      caseClass: z.enum(['SIMPLE', 'ORDINARY', 'MAJOR', 'DIFFICULT', 'CROSS_REGION']),
      location: z.object({ longitude: z.number().nullable(), latitude: z.number().nullable(), address: z.string().nullable() }).nullable(),
      reportedAt: z.string().datetime({ offset: true }),
    }),
  },
};

/** grids.hazard.reported (HazardReportedData). */
export const HAZARD_REPORTED_SCHEMAS: EventSchemas = {
  'grids.hazard.reported': {
    versions: [1],
    data: z.object({ hazardId: z.string().min(1), gridCode: GRID_CODE, description: z.string().trim().min(1) }),
  },
};
