import type { PlanInterval, ScheduledInstalment } from '@dunwell/journey'
import { html } from 'hono/html'
import { fromMinorUnits } from '../wire/money'
import { type PageBody, pageLayout } from './page-layout'
import { backLink, errorBox, type FormKey, hiddenFields, type PortalCase, type PortalView } from './portal-view'

/** What the debtor picked: how many instalments, how often, and the first one's date (YYYY-MM-DD). */
export interface PlanChoice {
  count: number
  interval: PlanInterval
  first: string
}

export type PlanField = 'count' | 'interval' | 'first'

/** A choice the rules do not allow: the field at fault, and a sentence naming what is allowed. */
export interface PlanFieldError {
  field: PlanField
  message: string
}

export interface PlanForm {
  /** The counts the rules allow for the balance (more than one), each with its usual instalment (minor units). */
  counts: { count: number; amount: number }[]
  intervals: readonly PlanInterval[]
  /** The first and last day the first instalment may be due. */
  first: string
  last: string
  /** What the fields show: the debtor's choice again (after an error, or to change it), else the suggestion. */
  chosen: { count: string; interval: string; first: string }
  /** What is not allowed, each naming what is. */
  errors?: PlanFieldError[]
}

const money = (view: PortalView, found: PortalCase, minor: number) => view.text.money(fromMinorUnits(minor, found.currency), found.currency)
const intervalWord = (view: PortalView, interval: string) => view.text.t.portal.intervals[interval] ?? interval

/** The plan's choices, as a form the browser sends with GET to the preview: choosing changes nothing. */
export function planChoicePage(view: PortalView, found: PortalCase, form: PlanForm): PageBody {
  const p = view.text.t.portal
  const wrong = (field: PlanField) => form.errors?.some((error) => error.field === field) ?? false
  const invalid = (field: PlanField) => (wrong(field) ? html` aria-invalid="true" aria-describedby="form-error"` : '')
  return pageLayout(
    view.text,
    p.planTitle,
    html`${errorBox(view, form.errors?.map((error) => error.message).join(' '), 'form-error')}
<p>${p.planIntro(money(view, found, found.balance))}</p>
<form method="get" action="${view.base}/plan/preview">
<p><label for="count">${p.planCountLabel}</label><select id="count" name="count"${invalid('count')}>${form.counts.map(
      ({ count, amount }) =>
        html`<option value="${count}"${String(count) === form.chosen.count ? ' selected' : ''}>${p.planCountOption(count, money(view, found, amount))}</option>`,
    )}</select></p>
<p><label for="interval">${p.planIntervalLabel}</label><select id="interval" name="interval"${invalid('interval')}>${form.intervals.map(
      (interval) => html`<option value="${interval}"${interval === form.chosen.interval ? ' selected' : ''}>${intervalWord(view, interval)}</option>`,
    )}</select></p>
<p><label for="first">${p.planFirstLabel}</label><span class="hint" id="first-hint">${p.planFirstHint(view.text.date(form.last))}</span><input id="first" name="first" type="date" required min="${form.first}" max="${form.last}" value="${form.chosen.first}" aria-describedby="first-hint${wrong('first') ? ' form-error' : ''}"${wrong('first') ? html` aria-invalid="true"` : ''}></p>
<p><button type="submit">${p.planPreviewButton}</button></p>
</form>
${backLink(view)}`,
    view.brand,
  )
}

/**
 * Dates and amounts, exact; the total is what is open. With `status`, a column saying where each instalment stands
 * (the plan being kept, on the overview).
 */
export function scheduleTable(
  view: PortalView,
  found: PortalCase,
  schedule: readonly ScheduledInstalment[],
  status?: { header: string; of: (index: number) => string },
): PageBody {
  const p = view.text.t.portal
  const total = schedule.reduce((sum, instalment) => sum + instalment.amount, 0)
  return html`<table>
<caption>${p.planScheduleCaption}</caption>
<thead><tr><th scope="col">${p.planNumberHeader}</th><th scope="col">${p.planDateHeader}</th><th scope="col" class="amount">${p.planAmountHeader}</th>${status ? html`<th scope="col">${status.header}</th>` : ''}</tr></thead>
<tbody>${schedule.map(
    (instalment, index) =>
      html`<tr><td>${index + 1}</td><td><time datetime="${instalment.dueDate}">${view.text.date(instalment.dueDate)}</time></td><td class="amount">${money(view, found, instalment.amount)}</td>${status ? html`<td>${status.of(index)}</td>` : ''}</tr>`,
  )}</tbody>
<tfoot><tr><th scope="row" colspan="2">${p.planTotalLabel}</th><td class="amount">${money(view, found, total)}</td>${status ? html`<td></td>` : ''}</tr></tfoot>
</table>`
}

const choiceQuery = (choice: PlanChoice) => new URLSearchParams({ count: String(choice.count), interval: choice.interval, first: choice.first }).toString()

/** The schedule the choice makes, and the form that agrees to it (POST, with this link's form key). */
export function planPreviewPage(view: PortalView, found: PortalCase, choice: PlanChoice, schedule: ScheduledInstalment[], key: FormKey): PageBody {
  const p = view.text.t.portal
  return pageLayout(
    view.text,
    p.planPreviewTitle,
    html`<p>${p.planPreviewIntro(choice.count, p.intervalsInline[choice.interval] ?? choice.interval)}</p>
${scheduleTable(view, found, schedule)}
<form method="post" action="${view.base}/plan">${hiddenFields(key)}<input type="hidden" name="count" value="${choice.count}"><input type="hidden" name="interval" value="${choice.interval}"><input type="hidden" name="first" value="${choice.first}">
<p><button type="submit">${p.planConfirmButton}</button></p>
</form>
<p><a href="${view.base}/plan?${choiceQuery(choice)}">${p.planChange}</a></p>
${backLink(view)}`,
    view.brand,
  )
}

/** The plan is agreed: what to pay when. */
export function planDonePage(view: PortalView, found: PortalCase, schedule: ScheduledInstalment[]): PageBody {
  const p = view.text.t.portal
  return pageLayout(view.text, p.planDoneTitle, html`<p>${p.planDoneBody}</p>${scheduleTable(view, found, schedule)}${backLink(view)}`, view.brand)
}
