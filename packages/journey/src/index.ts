export * from './common'
export * from './node-kind'
export * from './nodes'
export { ELSE_HANDLE, type SegmentData } from './nodes/segment'
export type { SplitData } from './nodes/split'
export { EVENT_HANDLE, TIMEOUT_HANDLE, isEventWait, type WaitData, type WaitEventData, type WaitForData, type WaitUntilData } from './nodes/wait'
export { FAILED_HANDLE, channels, type Channel } from './nodes/channel'
export { knownOutcomes, type ExitData } from './nodes/exit'
export type { ActionData } from './nodes/action'
export type { CallData } from './nodes/call'
export { DEFAULT_OFFER_VALIDITY, offerParts, type OfferData, type OfferPart } from './nodes/offer'
export {
  DEFAULT_ENTRY_TIME,
  describeEntryTrigger,
  isDaysPastDueEntry,
  reentryModes,
  type EntryByDaysPastDueData,
  type EntryData,
  type EntryOnEventData,
} from './nodes/entry'
export * from './document'
export * from './settings'
export * from './template'
export * from './diagnostics'
export { validate } from './validate'
export { durationUnits, durationParts, durationFromParts, describeDuration, durationWords, type DurationParts, type DurationUnit } from './duration'
export { knownEvents, knownEventTypes, isKnownEvent, type KnownEvent } from './known-events'
export { closestName } from './closest-name'
export { migrateJourney, migrations, CURRENT_FORMAT_VERSION, type Migration, type MigrationResult } from './migrate'
export {
  compile,
  createJourneyMachine,
  type CompiledJourney,
  type CompileOptions,
  type CompileResult,
  type GuardArgs,
  type JourneyGuards,
} from './compile/compile'
export * from './compile/machine-types'
export { format } from './format'
export { parseJson, compileText, type ParseResult } from './parse-journey'
export { celEnvironment, expressionVariables, type ExpressionVariable } from './expressions/cel-environment'
export { fieldsRead } from './expressions/fields-read'
export { checkCondition, checkValueExpression, celErrorMessage, type ExpressionCheck, type SourceRange } from './expressions/check-expression'
export { compileBoundedExpression, ExpressionBudgetError, type BoundedExpression } from './expressions/bounded-expression'
export { expressionBudget } from './expressions/expression-budget'
export { createLiquid, liquidEngines, templateFields, templateVariables, type TemplateVariable } from './templates/liquid'
export { checkLiquid } from './templates/check-liquid'
export { renderWithinBudget } from './templates/render-template'
export { templateBudget, TemplateBudgetError } from './templates/template-budget'
export { checkMjml } from './templates/check-mjml'
export { journeyJsonSchema } from './json-schema'
export { diffJourneys, describeNode, isMoveOnly, type JourneyChange, type JourneyChangeKind, type JourneyChangeSubject } from './diff'
export * from './money'
export { isTimeOfDay, timeOfDayHours, timesOfDay, type TimeOfDay } from './time-of-day'
