import type { AuthUser, RequestWithUser } from '@lianxin/auth';

export interface GraphQLContext {
  req: RequestWithUser & { user: AuthUser };
}
