import { isoDate, minorDigits } from '@dunwell/contract'
import { type MoneyRuleProblem, type PlanInterval, type PlanRules, planCounts, planIntervals, proposePlan } from '@dunwell/journey'
import type { Context, Hono } from 'hono'
import { promiseWindow } from '../../public-pages/portal-case'
import { messagePage } from '../../public-pages/portal-pages'
import { type PlanChoice, type PlanFieldError, planChoicePage, planDonePage, planPreviewPage } from '../../public-pages/portal-plan'
import { fromMinorUnits } from '../../wire/money'
import { planAgreedData } from '../../wire/plan-agreed'
import type { AppEnv, AppOptions } from '../app-types'
import { type Body, ingestForm, readForm } from './portal-forms'
import { formKeys, type LoadedPortal, loadPortal, portalPage } from './portal-load'

/** How far ahead the first instalment may be due: within the next two weeks. */
export const PLAN_FIRST_WITHIN_DAYS = 14

/** What the debtor may choose from: the plan's rules, the counts they allow (more than one) and the first date's window. */
interface PlanOptions {
  rules: PlanRules
  counts: number[]
  window: { first: string; last: string }
  digits: number
}

const field = (values: Record<string, unknown>, name: string, max: number) => (typeof values[name] === 'string' ? (values[name] as string).slice(0, max) : '')

/**
 * The portal's instalment plan (`/portal/<token>/plan`), only where the link's step offers one and while that offer
 * stands: the debtor picks count, interval and first date (a GET form), sees the schedule (`/plan/preview`), and agrees
 * (POST, with the form key) → `plan.agreed`, which the engine keeps. Every refusal is a page in the debtor's language
 * naming what is allowed, and changes nothing.
 */
export function portalPlanRoutes(app: Hono<AppEnv>, options: AppOptions): void {
  const now = () => options.engine.clock.now()

  /** The plan this link offers for the case's balance, or the page to answer instead. */
  const planOf = async (c: Context, loaded: LoadedPortal): Promise<PlanOptions | Response> => {
    const { t } = loaded.view.text
    const { offer, found } = loaded
    if (!offer.plan) {
      const [status, title, body] = offer.ended
        ? ([410, t.portal.planEndedTitle, t.portal.planEndedBody] as const)
        : ([404, t.portal.planNotOfferedTitle, t.portal.planNotOfferedBody] as const)
      return portalPage(c, loaded, messagePage(loaded.view, title, body), status)
    }
    if (found.balance <= 0) return portalPage(c, loaded, messagePage(loaded.view, t.portal.nothingOpenTitle, t.portal.nothingOpenBody), 409)
    const digits = minorDigits(found.currency)
    const counts = planCounts(offer.plan, found.balance, digits).filter((count) => count > 1)
    if (counts.length === 0) {
      const least = loaded.view.text.money(fromMinorUnits(Math.round(offer.plan.minInstalment * 10 ** digits), found.currency), found.currency)
      return portalPage(c, loaded, messagePage(loaded.view, t.portal.planTitle, t.portal.planTooSmallBody(least)), 409)
    }
    const window = promiseWindow(now(), typeof loaded.debtor.timezone === 'string' ? loaded.debtor.timezone : undefined, PLAN_FIRST_WITHIN_DAYS)
    return { rules: offer.plan, counts, window, digits }
  }

  /** What is wrong with the debtor's choice and what is allowed, in their words, for the refusal page. */
  const problemText = (loaded: LoadedPortal, plan: PlanOptions, problem: MoneyRuleProblem | { code: 'first-date' }): PlanFieldError => {
    const { text } = loaded.view
    const { errors, intervalsInline } = text.t.portal
    const either = (items: string[]) => new Intl.ListFormat(text.locale, { type: 'disjunction' }).format(items)
    const money = (minor: number) => text.money(fromMinorUnits(minor, loaded.found.currency), loaded.found.currency)
    switch (problem.code) {
      case 'interval-not-allowed':
        return { field: 'interval', message: errors.planInterval(either(problem.allowed.map((interval) => intervalsInline[interval] ?? interval))) }
      case 'too-many-instalments':
        return { field: 'count', message: errors.planTooMany(problem.limit) }
      case 'instalment-below-minimum':
        return { field: 'count', message: errors.planBelowMinimum(money(problem.limit)) }
      case 'first-date':
        return { field: 'first', message: errors.date(text.date(plan.window.first), text.date(plan.window.last)) }
      default:
        return { field: 'count', message: errors.planCount(either(plan.counts.map(String))) }
    }
  }

  /** The choice sent (a query or a form) checked against the rules: the schedule, or what is wrong. */
  const check = (loaded: LoadedPortal, plan: PlanOptions, values: Record<string, unknown>) => {
    const sent = { count: field(values, 'count', 4), interval: field(values, 'interval', 4), first: field(values, 'first', 10) }
    const problems: (MoneyRuleProblem | { code: 'first-date' })[] = []
    const dated = isoDate.safeParse(sent.first).success && sent.first >= plan.window.first && sent.first <= plan.window.last
    if (!dated) problems.push({ code: 'first-date' })
    const interval = (planIntervals as readonly string[]).includes(sent.interval) ? (sent.interval as PlanInterval) : undefined
    if (!interval) problems.push({ code: 'interval-not-allowed', allowed: plan.rules.intervals })
    // One instalment is no plan: paying at once, or promising a date, is on the overview.
    const count = /^\d{1,3}$/.test(sent.count) && Number(sent.count) > 1 ? Number(sent.count) : 0
    const request = { balance: loaded.found.balance, count, interval: interval ?? plan.rules.intervals[0]!, firstDate: dated ? sent.first : plan.window.first }
    const proposed = proposePlan(plan.rules, request, plan.digits)
    if (!proposed.ok) problems.push(...proposed.problems)
    if (problems.length > 0 || !proposed.ok || !interval) return { sent, errors: problems.map((problem) => problemText(loaded, plan, problem)) }
    const choice: PlanChoice = { count, interval, first: sent.first }
    return { sent, choice, schedule: proposed.schedule }
  }

  const choicePage = (loaded: LoadedPortal, plan: PlanOptions, chosen?: { count: string; interval: string; first: string }, errors?: PlanFieldError[]) =>
    planChoicePage(loaded.view, loaded.found, {
      counts: plan.counts.map((count) => ({ count, amount: Math.floor(loaded.found.balance / count) })),
      intervals: plan.rules.intervals,
      ...plan.window,
      chosen: {
        count: chosen?.count || String(plan.counts[0]),
        interval: chosen?.interval || plan.rules.intervals[0]!,
        first: chosen?.first || plan.window.last,
      },
      ...(errors ? { errors } : {}),
    })

  app.get('/portal/:token/plan', async (c) => {
    const loaded = await loadPortal(c, options)
    if (loaded instanceof Response) return loaded
    const plan = await planOf(c, loaded)
    if (plan instanceof Response) return plan
    const query = c.req.query()
    const chosen = { count: field(query, 'count', 4), interval: field(query, 'interval', 4), first: field(query, 'first', 10) }
    return portalPage(c, loaded, choicePage(loaded, plan, chosen))
  })

  app.get('/portal/:token/plan/preview', async (c) => {
    const loaded = await loadPortal(c, options)
    if (loaded instanceof Response) return loaded
    const plan = await planOf(c, loaded)
    if (plan instanceof Response) return plan
    const result = check(loaded, plan, c.req.query())
    if (!('choice' in result) || !result.choice) return portalPage(c, loaded, choicePage(loaded, plan, result.sent, result.errors), 400)
    return portalPage(c, loaded, planPreviewPage(loaded.view, loaded.found, result.choice, result.schedule, formKeys.make(options, loaded.token)))
  })

  app.post('/portal/:token/plan', async (c) => {
    const loaded = await loadPortal(c, options)
    if (loaded instanceof Response) return loaded
    const plan = await planOf(c, loaded)
    if (plan instanceof Response) return plan
    const body: Body | Response = await readForm(c, options, loaded, false)
    if (body instanceof Response) return body
    const result = check(loaded, plan, body)
    if (!('choice' in result) || !result.choice) return portalPage(c, loaded, choicePage(loaded, plan, result.sent, result.errors), 400)
    const data = planAgreedData(result.schedule, result.choice.interval, loaded.found.currency, 'portal')
    await ingestForm(options, loaded, 'plan', body.submission as string, 'plan.agreed', data)
    return portalPage(c, loaded, planDonePage(loaded.view, loaded.found, result.schedule))
  })
}
