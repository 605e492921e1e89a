/**
 * The Subscription root of the public API (issue 16). Subscriptions live at the gateway (the subgraphs have
 * none, apollographql/federation#353): tools/supergraph adds this SDL to the API schema it prints
 * (gateway/api-schema.graphql, libs/client), and the gateway adds it to the schema it serves (introspection,
 * the explorer). Every field is fed by JetStream events (live-fields.ts maps events to fields) and its
 * payload object is resolved through the graph with the subscriber's own token.
 *
 * Pure (no imports): tools/supergraph loads it with Node's type stripping.
 */
export const LIVE_SCHEMA_SDL = /* GraphQL */ `
extend schema {
  subscription: Subscription
}

"""
Live updates: GraphQL over Server-Sent Events (graphql-sse, POST or GET /graphql/stream) or WebSocket (graphql-ws, /graphql).
Every event has a cursor; reconnect with it (argument after, or SSE Last-Event-ID) to get what you missed, once and in order.
实时订阅（SSE 或 WebSocket），断线后凭游标续传
"""
type Subscription {
  """
  Changes of the cases in an area (default: your area), optionally only those now in one of the given statuses: the township or village case board.
  For area staff (county, township, village, grid) and auditors; department staff see the cases dispatched to their department.
  区域事项看板：辖区内事项的变化
  """
  caseBoard(
    """Area code inside your area (township, village or grid); default your own. 区域代码"""
    areaCode: String
    """Only events after which the case is in one of these statuses. 状态筛选"""
    statuses: [CaseStatus!]
    """Resume after this cursor (a cursor an earlier event carried). 续传游标"""
    after: String
  ): CaseChange!

  """
  Cases waiting for your action: an event when a case starts or stops waiting for you (awaitingMe says which), or changes while it waits.
  待我办理的事项的变化
  """
  casesAwaitingMyAction(
    """Resume after this cursor. 续传游标"""
    after: String
  ): CaseChange!

  """
  Progress of your own cases (residents: the cases you reported or that name the person linked to your account), optionally of one case.
  我反映事项的办理进度
  """
  myCaseProgress(
    """Only this case. 事项ID"""
    caseId: ID
    """Resume after this cursor. 续传游标"""
    after: String
  ): CaseChange!

  """
  Service orders of your village (volunteers: their village; community staff: their area): published, claimed, completed, confirmed, expired.
  本村（社区）服务单的变化
  """
  serviceOrdersInMyVillage(
    """Resume after this cursor. 续传游标"""
    after: String
  ): ServiceOrderChange!
}

"""A change of a case, as it is now. 事项变化"""
type CaseChange {
  """The event's position in the stream: pass it as after (or SSE Last-Event-ID) to resume after it. 游标"""
  cursor: String!
  """What happened, e.g. cases.case.verified. 事件类型"""
  event: String!
  """When it happened. 发生时间"""
  occurredAt: DateTime!
  """The case as you may see it now (resolved with your token when the event reaches you). 事项"""
  case: Case!
  """casesAwaitingMyAction: whether the case waits for you now (false: remove it from your list); null elsewhere. 是否待我办理"""
  awaitingMe: Boolean
}

"""A change of a service order, as it is now. 服务单变化"""
type ServiceOrderChange {
  """The event's position in the stream: pass it as after (or SSE Last-Event-ID) to resume after it. 游标"""
  cursor: String!
  """What happened, e.g. volunteers.order.published. 事件类型"""
  event: String!
  """When it happened. 发生时间"""
  occurredAt: DateTime!
  """The order as you may see it now. 服务单"""
  order: ServiceOrder!
}
`;

/**
 * Subscriptions whose payload types arrive with a later supergraph: each part joins the schema once every type
 * it names is there (warnings of §8.4 come from the cases subgraph's warnings feature).
 */
export const LIVE_SCHEMA_PARTS: ReadonlyArray<{ requires: readonly string[]; sdl: string }> = [
  {
    requires: ['Warning', 'WarningLevel'],
    sdl: /* GraphQL */ `
extend type Subscription {
  """
  Early warnings addressed inside your area (§8.4), optionally only those addressed to one level (e.g. your own): raised, acknowledged, closed.
  For area admins, grid leaders and auditors. 本辖区预警（研判预警）的变化
  """
  warningsInMyArea(
    """Only warnings addressed to this level. 预警对象层级"""
    level: WarningLevel
    """Resume after this cursor. 续传游标"""
    after: String
  ): WarningChange!
}

"""A change of an early warning, as it is now. 预警变化"""
type WarningChange {
  """The event's position in the stream: pass it as after (or SSE Last-Event-ID) to resume after it. 游标"""
  cursor: String!
  """What happened, e.g. cases.warning.raised. 事件类型"""
  event: String!
  """When it happened. 发生时间"""
  occurredAt: DateTime!
  """The warning as you may see it now. 预警"""
  warning: Warning!
}
`,
  },
];
