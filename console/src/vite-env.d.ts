/// <reference types="vite/client" />
declare module 'virtual:persisted-ids' {
  const ids: Readonly<Record<string, string>>;
  export default ids;
}
