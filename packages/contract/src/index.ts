/**
 * The shapes the runtime, its client and the editor share, each defined once as a zod schema (the runtime builds its
 * OpenAPI document from them; the others import the types).
 */
export * from './problem'
export * from './diagnostic'
export * from './journeys'
export * from './currency'
export * from './case-input'
export * from './event-data'
export * from './event-input'
export * from './cases'
export * from './work'
export * from './system'
export * from './simulation'
export * from './import-settings'
export * from './import-targets'
export * from './import-report'
export * from './dates'
export * from './json-depth'
export * from './own-record'
export * from './me'
export * from './case-policy'
