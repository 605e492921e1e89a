// Apollo Client 4: the console's default errorPolicy 'all' (partial answers), declared for the types.
import '@apollo/client';
declare module '@apollo/client' {
  export namespace ApolloClient {
    export namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
    }
  }
}
