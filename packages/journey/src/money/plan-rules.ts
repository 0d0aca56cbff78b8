import { z } from 'zod'
import { instalmentSchedule, planIntervals, type PlanInterval, type ScheduleRequest, type ScheduledInstalment } from './instalment-schedule'

const majorAmount = z.number({ error: 'must be a number' }).finite('must be a number').positive('must be more than 0')
const count = z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(120, 'must be at most 120')

/** A band of balances with its own limits: the first band whose `upTo` the balance does not exceed applies. */
export const planBandSchema = z
  .object({
    /** The largest balance of the band, in major units (euros). */
    upTo: majorAmount,
    maxCount: count,
    /** In major units. */
    minInstalment: majorAmount,
  })
  .strict()

/** The instalment plans a journey offers. Amounts in major units of the case's currency. */
export const planRulesSchema = z
  .object({
    /** The smallest instalment (except a single one paying the whole balance). */
    minInstalment: majorAmount,
    maxCount: count,
    intervals: z.array(z.enum(planIntervals, { error: `must be one of ${planIntervals.join(', ')}` })).min(1, 'needs at least one interval'),
    bands: z.array(planBandSchema).max(20, 'at most 20 bands').optional(),
  })
  .strict()

/** The promises to pay a journey accepts: a date at most `maxDays` from today. */
export const promiseRulesSchema = z
  .object({ maxDays: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(365, 'must be at most 365') })
  .strict()

export type PlanRules = z.infer<typeof planRulesSchema>
export type PlanBand = z.infer<typeof planBandSchema>
export type PromiseRules = z.infer<typeof promiseRulesSchema>

/** Why a plan or promise is not allowed; `limit` in minor units for amounts, days for dates. Words are the reader's. */
export type MoneyRuleProblem =
  | { code: 'interval-not-allowed'; allowed: PlanInterval[] }
  | { code: 'too-many-instalments'; limit: number }
  | { code: 'instalment-below-minimum'; limit: number }
  | { code: 'count-not-allowed' }
  | { code: 'date-in-past' }
  | { code: 'date-beyond-window'; limit: number }
  | { code: 'amount-not-positive' }
  | { code: 'amount-above-balance'; limit: number }

const toMinor = (major: number, digits: number) => Math.round(major * 10 ** digits)

/** The limits for a balance (minor units), in minor units: the band's where one applies, else the rules' own. */
export function planLimits(rules: PlanRules, balance: number, digits: number): { maxCount: number; minInstalment: number } {
  const band = [...(rules.bands ?? [])].sort((a, b) => a.upTo - b.upTo).find((b) => balance <= toMinor(b.upTo, digits))
  return { maxCount: band?.maxCount ?? rules.maxCount, minInstalment: toMinor(band?.minInstalment ?? rules.minInstalment, digits) }
}

/**
 * What is wrong with a plan of `count` instalments for `balance` (minor units) at `interval`; empty when the rules
 * allow it. `digits` is the currency's minor-unit digits (2 for EUR).
 */
export function checkPlan(rules: PlanRules, plan: { balance: number; count: number; interval: PlanInterval }, digits: number): MoneyRuleProblem[] {
  const problems: MoneyRuleProblem[] = []
  if (!rules.intervals.includes(plan.interval)) problems.push({ code: 'interval-not-allowed', allowed: rules.intervals })
  if (!Number.isSafeInteger(plan.count) || plan.count < 1) return [...problems, { code: 'count-not-allowed' }]
  const limits = planLimits(rules, plan.balance, digits)
  if (plan.count > limits.maxCount) problems.push({ code: 'too-many-instalments', limit: limits.maxCount })
  // The last instalment is never smaller than the others: the first one is the smallest.
  if (plan.count > 1 && Math.floor(plan.balance / plan.count) < limits.minInstalment) {
    problems.push({ code: 'instalment-below-minimum', limit: limits.minInstalment })
  }
  return problems
}

/** The instalment counts the rules allow for a balance (minor units), fewest first; 1 (all at once) always. */
export function planCounts(rules: PlanRules, balance: number, digits: number): number[] {
  const { maxCount } = planLimits(rules, balance, digits)
  const counts = [1]
  for (let n = 2; n <= maxCount; n++) if (checkPlan(rules, { balance, count: n, interval: rules.intervals[0]! }, digits).length === 0) counts.push(n)
  return counts
}

/** What is wrong with a promise to pay `amount` (minor units) on `date`, made on `today` (both YYYY-MM-DD). */
export function checkPromise(rules: PromiseRules, promise: { date: string; amount: number; today: string; balance: number }): MoneyRuleProblem[] {
  const problems: MoneyRuleProblem[] = []
  const days = Math.round((Date.parse(`${promise.date}T00:00:00Z`) - Date.parse(`${promise.today}T00:00:00Z`)) / 86_400_000)
  if (days < 0) problems.push({ code: 'date-in-past' })
  else if (days > rules.maxDays) problems.push({ code: 'date-beyond-window', limit: rules.maxDays })
  if (!(promise.amount > 0)) problems.push({ code: 'amount-not-positive' })
  else if (promise.amount > promise.balance) problems.push({ code: 'amount-above-balance', limit: promise.balance })
  return problems
}

/**
 * The schedule a debtor would agree to, when the rules allow it: what a portal shows before "confirm", and the
 * `instalments` of the `plan.agreed` event it then sends (amounts back in major units).
 */
export function proposePlan(
  rules: PlanRules,
  request: ScheduleRequest,
  digits: number,
): { ok: true; schedule: ScheduledInstalment[] } | { ok: false; problems: MoneyRuleProblem[] } {
  const problems = checkPlan(rules, request, digits)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, schedule: instalmentSchedule(request) }
}
