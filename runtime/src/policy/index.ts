export {
  contactPolicySchema,
  defaultContactPolicy,
  effectiveContactHours,
  parseContactPolicy,
  type ContactPolicy,
  type EffectiveHours,
  type ParsePolicyResult,
} from './contact-policy'
export { debtorZone } from './debtor-zone'
export {
  capUsage,
  checkFrequencyCap,
  quietUntil,
  checkQuietPeriods,
  describeCap,
  describeQuietPeriod,
  type ContactMade,
  type ContactRuleResult,
  type QuietStart,
} from './frequency-cap'
export { isPublicHoliday, partialRegionalHolidayChoices, prepareHolidays, publicHolidayOn, type PartialRegionalHolidays, type PublicHoliday } from './holidays'
export { findNextAllowed, nextAllowedMoment, SEARCH_DAYS, type NextAllowed, type NextAllowedOptions } from './next-allowed-moment'
export { resolveWaitDue } from './resolve-wait'
export type { ContactWindow, DebtorPlace, Hours, PlaceDefaults, WaitRule } from './types'
export {
  capChannels,
  defaultFrequencyCaps,
  defaultJurisdictions,
  messageChannels,
  onCapChoices,
  type FrequencyCap,
  type Jurisdiction,
  type OnCap,
  type QuietPeriod,
} from './contact-rules'
export { jurisdictionName, lookBack, quietPeriodEvents, rulesInForce, type AppliedJurisdiction, type RulesInForce } from './rules-in-force'
