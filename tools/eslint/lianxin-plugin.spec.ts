import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { lianxinPlugin } from './lianxin-plugin.js';

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' } });
const rule = lianxinPlugin.rules['resolver-roles'];

const resolver = (body: string) => `
  @Resolver(() => Thing)
  export class ThingResolver {
    ${body}
  }`;

describe('lint rule lianxin/resolver-roles: every resolver operation states who may call it', () => {
  ruleTester.run('resolver-roles', rule, {
    valid: [
      { name: '@Query with @Roles', code: resolver('@Query(() => Thing) @Roles(...ALL_ROLES) thing() { return 1; }') },
      { name: '@Mutation with @Roles below it', code: resolver('@Mutation(() => P) @Roles(Role.COUNTY_ADMIN) async make(@Args("input") input: I) { return input; }') },
      { name: '@Roles above @Query', code: resolver('@Roles(Role.AUDITOR) @Query(() => [Thing]) things() { return []; }') },
      { name: '@Subscription with @Roles', code: resolver('@Subscription(() => Thing) @Roles(Role.GRID_WORKER) changed() { return it; }') },
      { name: '@Public() query', code: resolver('@Query(() => String) @Public() health() { return "ok"; }') },
      { name: 'field resolvers and references need no decorator', code: resolver('@ResolveField(() => String) name() { return ""; } @ResolveReference() ref() { return null; }') },
      { name: 'a plain method', code: resolver('private helper() { return 1; }') },
      { name: 'namespaced decorators', code: resolver('@graphql.Query(() => Thing) @auth.Roles(Role.RESIDENT) thing() { return 1; }') },
    ],
    invalid: [
      {
        name: '@Query without any access decorator',
        code: resolver('@Query(() => Thing) thing() { return 1; }'),
        errors: [{ messageId: 'missing', data: { kind: '@Query', name: 'thing' } }],
      },
      {
        name: '@Mutation with only other decorators',
        code: resolver('@Mutation(() => P) @UseInterceptors(X) async make(@Args("input") input: I) { return input; }'),
        errors: [{ messageId: 'missing', data: { kind: '@Mutation', name: 'make' } }],
      },
      {
        name: '@Subscription without @Roles',
        code: resolver('@Subscription(() => Thing) changed() { return it; }'),
        errors: [{ messageId: 'missing', data: { kind: '@Subscription', name: 'changed' } }],
      },
      {
        name: 'a class-level @Roles does not count for the method',
        code: `@Roles(Role.COUNTY_ADMIN) @Resolver() export class R { @Query(() => Thing) thing() { return 1; } }`,
        errors: [{ messageId: 'missing' }],
      },
      {
        name: '@Roles() naming no role',
        code: resolver('@Query(() => Thing) @Roles() thing() { return 1; }'),
        errors: [{ messageId: 'emptyRoles' }],
      },
      {
        name: 'bare @Public without the call',
        code: resolver('@Query(() => Thing) @Public thing() { return 1; }'),
        errors: [{ messageId: 'notCalled', data: { kind: '@Query', name: 'thing', decorator: 'Public' } }],
      },
      {
        name: '@Public() and @Roles together',
        code: resolver('@Query(() => Thing) @Public() @Roles(Role.AUDITOR) thing() { return 1; }'),
        errors: [{ messageId: 'both' }],
      },
      {
        name: 'one report per offending method, none for the good one',
        code: resolver('@Query(() => A) @Roles(Role.AUDITOR) a() { return 1; } @Query(() => B) b() { return 2; } @Mutation(() => C) c() { return 3; }'),
        errors: [
          { messageId: 'missing', data: { kind: '@Query', name: 'b' } },
          { messageId: 'missing', data: { kind: '@Mutation', name: 'c' } },
        ],
      },
    ],
  });
});
