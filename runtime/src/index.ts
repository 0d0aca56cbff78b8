export { Engine, PublishError, type EngineOptions, type RunResult } from './engine/engine'
export { systemClock, VirtualClock, type Clock } from './clock'
export { openSqlite, migrate, type OpenedDatabase } from './db/open-database'
export type { Database } from './db/database'
export type { EngineStore } from './db/engine-store'
export * from './channels'
export { caseInputSchema, debtorSchema, type CaseInput, type Debtor } from '@dunwell/contract'
export { eventInputSchema, type EventInput } from '@dunwell/contract'
export { parseJsonl, type JsonlResult, type LineError } from './wire/parse-jsonl'
export { toMinorUnits, fromMinorUnits } from './wire/money'
export { eventId, type IngestResult, type UpsertResult } from './engine/ingest'
export * from './policy'
export { renderMessage, createMessageRenderer, chooseLocale, type RenderedMessage } from './messages'
export {
  simulate,
  TRACE_LIMITS,
  TraceRequestError,
  type SimulationInput,
  type SimulationReport,
  type CaseTrace,
  type TraceStep,
  type TracedMessage,
} from './simulate/simulate'
export { timeline, type TimelineEntry } from './engine/timeline'
export { explainPolicy } from './engine/explain-policy'
export type { CasePolicy } from '@dunwell/contract'
export * from './import'
export * from './auth'
export { createApp, type DunwellApp } from './http/create-app'
export type { AppOptions } from './http/app-types'
export { startServer, type ServerOptions, type RunningServer } from './http/server'
export { startScheduler, type Scheduler, type SchedulerStats } from './http/scheduler'
export * from './payments'
