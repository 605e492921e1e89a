import type { RequestWithUser } from '@lianxin/auth';

export interface GraphQLContext {
  req: RequestWithUser;
}
