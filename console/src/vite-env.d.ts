/// <reference types="vite/client" />
declare module 'virtual:persisted-ids' {
  const ids: Readonly<Record<string, string>>;
  export default ids;
  /** The API schema takes idempotencyKey and occurredAt on creates (decided at build). */
  export const offlineSafeCreates: boolean;
}

