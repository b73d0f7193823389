/**
 * chrono-node's per-language entry points (`chrono-node/it`, `chrono-node/en`: its package "exports"), which load
 * only the languages we parse instead of all sixteen. TypeScript's node10 resolution (tsconfig `moduleResolution:
 * node`) does not read "exports", so their types are taken here from the files those entries point at.
 */
declare module 'chrono-node/it' {
  export * from 'chrono-node/dist/cjs/locales/it/index';
}
declare module 'chrono-node/en' {
  export * from 'chrono-node/dist/cjs/locales/en/index';
}
