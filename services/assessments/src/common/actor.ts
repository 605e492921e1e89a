import type { AuthUser } from '@lianxin/auth';

/** Seeds and other one-off commands act as a named system actor: no role checks, but the log says who. */
export interface SystemActor {
  system: true;
  userId: string;
  role: string;
}

export type Actor = AuthUser | SystemActor;

export function isSystem(actor: Actor): actor is SystemActor {
  return 'system' in actor;
}

export function actorUserId(actor: Actor): string {
  return isSystem(actor) ? actor.userId : actor.sub;
}
