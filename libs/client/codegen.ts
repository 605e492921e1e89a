// GraphQL Code Generator: result, variable, input and enum types and typed document nodes for the operations in
// src/operations. Run through `./lianxin supergraph compose` (and checked by `./lianxin test`).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../gateway/api-schema.graphql',
  documents: ['src/operations/**/*.graphql'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
  hooks: {},
};

export default config;
