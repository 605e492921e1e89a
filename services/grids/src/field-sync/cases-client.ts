import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@lianxin/graphql';

/** Where the cases subgraph answers (README, grids: "Case reports in syncFieldWork"). */
export function casesGraphqlUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CASES_GRAPHQL_URL) return env.CASES_GRAPHQL_URL;
  const offset = Number(env.STACK_PORT_OFFSET ?? 0);
  return `http://127.0.0.1:${4104 + (Number.isFinite(offset) ? offset : 0)}/graphql`;
}

const REPORT_CASE = `mutation FieldCaseReport($input: ReportCaseInput!) { reportCase(input: $input) { case { id } } }`;

/** What reportCase takes from a synced item (cases' ReportCaseInput). */
export interface ReportCaseRequest {
  title: string;
  description: string;
  categoryCode: string;
  serviceKind: string;
  caseClass: string;
  source: 'GRID_PATROL';
  gridCode: string;
  location?: { longitude?: number; latitude?: number; address?: string };
  idempotencyKey: string;
  occurredAt?: string;
}

/**
 * A synced case report is made by cases itself, at once, through its own `reportCase` with the caller's
 * token and key (the same write as a direct reportCase: one idempotency key space, the same rules, the
 * same case id). So a report cases refuses comes back as the item's REJECTED result with cases' code,
 * field and reason, instead of ending in a dead-letter stream after grids had answered CREATED.
 * cases unreachable, or failing, is SERVICE_UNAVAILABLE: the device keeps the item and sends it again.
 */
export class CasesClient {
  private readonly logger = new Logger(CasesClient.name);
  private readonly url = casesGraphqlUrl();

  async reportCase(authorization: string, input: ReportCaseRequest): Promise<{ caseId: string }> {
    let body: { data?: { reportCase?: { case?: { id: string } } } | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: REPORT_CASE, variables: { input } }),
        signal: AbortSignal.timeout(Number(process.env.CASES_CALL_TIMEOUT_MS ?? 10_000)),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      this.logger.warn({ msg: 'cases unreachable for a synced case report', url: this.url, err: error instanceof Error ? error.message : String(error) });
      throw unavailable();
    }
    const error = body.errors?.[0];
    if (error) {
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
      if (code === ErrorCode.INTERNAL_SERVER_ERROR || code === ErrorCode.SERVICE_UNAVAILABLE) throw unavailable();
      const field = typeof error.extensions?.field === 'string' ? error.extensions.field : null;
      const reason = typeof error.extensions?.reason === 'string' ? error.extensions.reason : error.message;
      // The item's REJECTED result: syncFieldWork prefixes the field with the item (items.3.caseReport.categoryCode).
      throw new GraphQLError(reason, { extensions: { code, reason, ...(field === null ? {} : { field: fieldOfItem(field) }) } });
    }
    const id = body.data?.reportCase?.case?.id;
    if (!id) throw unavailable();
    return { caseId: id };
  }
}

/** ReportCaseInput's field as the synced item names it (`input.location.longitude` → `longitude`). */
export function fieldOfItem(field: string): string {
  const bare = field.replace(/^input\./, '');
  return bare.startsWith('location.') ? bare.slice('location.'.length) : bare;
}

function unavailable(): GraphQLError {
  return new GraphQLError('cases could not take the report now; send it again later', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: 'cases', reason: 'cases could not take the report now; send it again later' },
  });
}
