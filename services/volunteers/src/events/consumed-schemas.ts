import type { EventSchemas } from '@lianxin/events';
import { z } from 'zod';

/**
 * The declared shape of every event volunteers consumes (issue 14): an event that does not match goes
 * to the dead-letter stream instead of the handler. Only what the handlers read is required.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** cases.case.verified (CaseVerifiedData). */
export const CASE_VERIFIED_SCHEMAS: EventSchemas = {
  'cases.case.verified': {
    versions: [1],
    data: z.object({
      caseId: z.string().min(1),
      gridCode: z.string().regex(/^\d{15}$/, 'a 15-digit grid code'),
      reporterPersonId: z.string().regex(UUID, 'a UUID').nullish(),
    }),
  },
};
