import { setImmediate as nextTurn } from 'node:timers/promises';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { QueryPlannerConfig } from '@apollo/query-planner';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { planner, planStoreKey } from './apollo-gateway-contract.js';
import { planMetrics } from './plan-metrics.js';
import { PlanStore } from './plan-store.js';

/**
 * Query plans prepared for the registered (trusted) operations (issue 20). Without this the gateway
 * plans an operation on its first request, while that request waits; the plan then stays in its store
 * until the next supergraph. Here every registered query and mutation is planned when the gateway takes a
 * supergraph — at start-up, before /health/ready says ready, and again after each hot reload of the file
 * (supergraph-source.ts) — and put where the gateway's executor looks (plan-store.ts, under the key of
 * apollo-gateway-contract.ts). Operations that do not plan against the supergraph (a stale manifest) are
 * logged and left to the gateway, which answers them as before. Subscriptions are served by gateway/src/live
 * and are not planned.
 *
 * | setting | default | env |
 * |---|---|---|
 * | prepare the registered operations' plans | on | GATEWAY_PREPARE_PLANS (`off`) |
 * | room for plans built on request (prepared plans are kept regardless) | 64 MiB | QUERY_PLAN_CACHE_MIB |
 *
 * One structured log line per preparation ("query plans prepared": plans, failed, durationMs …) and
 * /metrics (plan-metrics.ts).
 */
export interface PlanSettings {
  prepare: boolean;
  maxBytes: number;
}

export function loadPlanSettings(env: NodeJS.ProcessEnv): PlanSettings {
  const prepare = (env.GATEWAY_PREPARE_PLANS ?? 'on').trim().toLowerCase();
  if (prepare !== 'on' && prepare !== 'off') throw new Error(`GATEWAY_PREPARE_PLANS must be on or off, not "${env.GATEWAY_PREPARE_PLANS}"`);
  const mib = Number(env.QUERY_PLAN_CACHE_MIB ?? 64);
  if (!Number.isFinite(mib) || mib <= 0) throw new Error(`QUERY_PLAN_CACHE_MIB must be a positive number, not "${env.QUERY_PLAN_CACHE_MIB}"`);
  return { prepare: prepare === 'on', maxBytes: Math.round(mib * 2 ** 20) };
}

export interface RegisteredOperation {
  /** sha256 of `body`: what Apollo Server hashes the registered text to (trusted-documents.ts). */
  id: string;
  body: string;
}

interface Plannable {
  id: string;
  document: DocumentNode;
  /** The names to plan under: one entry per query or mutation of the document (undefined: unnamed). */
  operations: Array<{ name: string | undefined; keys: string[] }>;
}

export interface PreparationResult {
  reason: 'start' | 'supergraph-update';
  plans: number;
  failed: number;
  durationMs: number;
  plannerMs: number;
  /** A newer supergraph arrived before this preparation finished (it stopped; the newer one prepares). */
  superseded: boolean;
}

export type PlanStatus = 'off' | 'waiting' | 'preparing' | 'up';

export class PreparedPlans {
  readonly store: PlanStore;
  /** `queryPlannerConfig` for ApolloGateway: its plans live in `store`. */
  readonly plannerConfig: QueryPlannerConfig;
  /** Resolves after the first preparation (at once when preparing is off). */
  readonly firstPreparation: Promise<PreparationResult | undefined>;
  private resolveFirst!: (result: PreparationResult | undefined) => void;
  private state: PlanStatus;
  private prepared = 0;
  private unsubscribe?: () => void;
  private stopped = false;
  private readonly plannable: Plannable[];
  private readonly metrics = planMetrics();

  constructor(
    operations: Iterable<RegisteredOperation>,
    private readonly settings: PlanSettings,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logger: Logger,
  ) {
    this.store = new PlanStore(settings.maxBytes);
    this.plannerConfig = { cache: this.store };
    this.firstPreparation = new Promise<PreparationResult | undefined>((resolve) => (this.resolveFirst = resolve));
    this.state = settings.prepare ? 'waiting' : 'off';
    this.plannable = settings.prepare ? plannableOperations(operations, logger) : [];
    if (!settings.prepare) this.resolveFirst(undefined);
  }

  /** Prepares on every supergraph `gateway` takes; call before the gateway loads. */
  follow(gateway: Pick<GatewayInterface, 'onSchemaLoadOrUpdate'>): void {
    if (!this.settings.prepare) return;
    this.unsubscribe = gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
      // The gateway has just cleared its plan store for this supergraph: this is its generation.
      const generation = this.store.generation;
      const reason = this.prepared === 0 ? 'start' : 'supergraph-update';
      if (this.state !== 'up') this.state = 'preparing';
      void this.prepare(coreSupergraphSdl, generation, reason).then(
        (result) => {
          if (result.superseded) return;
          this.prepared += 1;
          this.state = 'up';
          this.resolveFirst(result);
        },
        (error: unknown) => {
          // Never keeps the gateway from serving: it plans on request as before.
          this.logger.error({ err: error, reason }, 'query plans could not be prepared; the gateway plans on first request');
          this.prepared += 1;
          this.state = 'up';
          this.resolveFirst(undefined);
        },
      );
    });
  }

  /** False until the first supergraph's plans are prepared (readiness waits for it). */
  get ready(): boolean {
    return this.state === 'up' || this.state === 'off';
  }

  status(): PlanStatus {
    return this.state;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.resolveFirst(undefined);
  }

  private async prepare(supergraphSdl: string, generation: number, reason: PreparationResult['reason']): Promise<PreparationResult> {
    const started = performance.now();
    await nextTurn(); // out of the gateway's listener: it is still swapping the schema in
    const result: PreparationResult = { reason, plans: 0, failed: 0, durationMs: 0, plannerMs: 0, superseded: false };
    const failures: Array<{ operation: string; reason: string }> = [];
    const current = () => !this.stopped && this.store.generation === generation;
    if (!current()) return { ...result, superseded: true };
    const operationPlanner = planner(supergraphSdl, this.plannerConfig, this.env);
    result.plannerMs = performance.now() - started;
    for (const operation of this.plannable) {
      for (const { name, keys } of operation.operations) {
        if (!current()) return { ...result, superseded: true };
        try {
          const plan = operationPlanner.plan(operation.document, name);
          if (!this.store.prime(keys, plan, generation)) return { ...result, superseded: true };
          result.plans += 1;
        } catch (error) {
          result.failed += 1;
          failures.push({ operation: name ?? operation.id, reason: String((error as Error)?.message ?? error).slice(0, 300) });
        }
      }
      await nextTurn(); // health checks and requests keep being answered meanwhile
    }
    result.durationMs = performance.now() - started;
    if (failures.length > 0) {
      // One line for all of them (a manifest older than the supergraph fails many at once).
      this.logger.warn({ reason, failed: failures.length, operations: failures }, 'registered operations do not plan against the supergraph; left to the gateway');
    }
    this.metrics.prepared.set({ result: 'planned' }, result.plans);
    this.metrics.prepared.set({ result: 'failed' }, result.failed);
    this.metrics.duration.set(result.durationMs / 1000);
    this.metrics.preparations.inc({ reason });
    this.logger.info(
      {
        event: 'query-plans-prepared',
        reason,
        plans: result.plans,
        failed: result.failed,
        operations: this.plannable.length,
        durationMs: Math.round(result.durationMs),
        plannerMs: Math.round(result.plannerMs),
      },
      'query plans prepared',
    );
    return result;
  }
}

/** The registered queries and mutations, parsed once, with the store keys each can be requested under. */
function plannableOperations(operations: Iterable<RegisteredOperation>, logger: Logger): Plannable[] {
  const plannable: Plannable[] = [];
  for (const { id, body } of operations) {
    let document: DocumentNode;
    try {
      document = parse(body);
    } catch (error) {
      logger.warn({ id, err: error }, 'registered operation does not parse; not prepared');
      continue;
    }
    const definitions = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const entries: Plannable['operations'] = [];
    for (const definition of definitions) {
      if (definition.operation === 'subscription') continue;
      const name = definition.name?.value;
      if (definitions.length === 1) {
        // Requested with or without its operation name: the gateway keys the two differently.
        entries.push({ name, keys: name ? [planStoreKey(id), planStoreKey(id, name)] : [planStoreKey(id)] });
      } else if (name) {
        entries.push({ name, keys: [planStoreKey(id, name)] });
      }
    }
    if (entries.length > 0) plannable.push({ id, document, operations: entries });
  }
  return plannable;
}
