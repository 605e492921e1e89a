// Lianxin's own ESLint rules (a local plugin, wired in eslint.config.js).
//
// lianxin/resolver-roles: every GraphQL operation a resolver exposes (@Query, @Mutation, @Subscription)
// states who may call it on the method itself: @Roles(...) with at least one role, or @Public() for the
// few operations that need no token. libs/auth's global AuthGuard lets any valid token through a method
// that states neither, so a forgotten decorator opens the operation to every role — residents included.
// A class-level @Roles does not count: the reviewer reads each operation's roles next to it.

const OPERATION_DECORATORS = ['Query', 'Mutation', 'Subscription'];
const ROLES_DECORATOR = 'Roles';
const PUBLIC_DECORATOR = 'Public';

/** The called name of a decorator: `@Query(...)` → Query, `@graphql.Query(...)` → Query, `@Public` → Public. */
function decoratorName(decorator) {
  let expression = decorator.expression;
  if (expression.type === 'CallExpression') expression = expression.callee;
  if (expression.type === 'Identifier') return expression.name;
  if (expression.type === 'MemberExpression' && !expression.computed && expression.property.type === 'Identifier') {
    return expression.property.name;
  }
  return undefined;
}

function isCall(decorator) {
  return decorator.expression.type === 'CallExpression';
}

/** @type {import('eslint').Rule.RuleModule} */
const resolverRoles = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Every @Query, @Mutation and @Subscription resolver method carries @Roles(...) or @Public().',
    },
    schema: [],
    messages: {
      missing: "{{kind}} '{{name}}' states no access: add @Roles(...) with the roles that may call it, or @Public() if it needs no token.",
      emptyRoles: "{{kind}} '{{name}}' has @Roles() without a role: nobody could call it. Name the roles.",
      notCalled: "{{kind}} '{{name}}': write @{{decorator}}(...) as a call; a bare @{{decorator}} sets no metadata.",
      both: "{{kind}} '{{name}}' is both @Public() and @Roles(...): choose one.",
    },
  },
  create(context) {
    function check(node) {
      const decorators = node.decorators ?? [];
      const operation = decorators.find((decorator) => OPERATION_DECORATORS.includes(decoratorName(decorator) ?? ''));
      if (!operation) return;
      const kind = `@${decoratorName(operation)}`;
      const name = node.key?.type === 'Identifier' ? node.key.name : context.sourceCode.getText(node.key);
      const roles = decorators.filter((decorator) => decoratorName(decorator) === ROLES_DECORATOR);
      const publics = decorators.filter((decorator) => decoratorName(decorator) === PUBLIC_DECORATOR);
      for (const decorator of [...roles, ...publics]) {
        if (!isCall(decorator)) {
          context.report({ node: decorator, messageId: 'notCalled', data: { kind, name, decorator: decoratorName(decorator) } });
          return;
        }
      }
      if (roles.length === 0 && publics.length === 0) {
        context.report({ node: node.key ?? node, messageId: 'missing', data: { kind, name } });
        return;
      }
      if (roles.length > 0 && publics.length > 0) {
        context.report({ node: node.key ?? node, messageId: 'both', data: { kind, name } });
        return;
      }
      for (const decorator of roles) {
        if (decorator.expression.arguments.length === 0) {
          context.report({ node: decorator, messageId: 'emptyRoles', data: { kind, name } });
        }
      }
    }
    return { MethodDefinition: check, PropertyDefinition: check };
  },
};

export const lianxinPlugin = {
  meta: { name: 'lianxin' },
  rules: { 'resolver-roles': resolverRoles },
};

export default lianxinPlugin;
