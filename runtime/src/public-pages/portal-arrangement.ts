import { html } from 'hono/html'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { arrangementFromRow } from '../db/rows'
import { fromMinorUnits } from '../wire/money'
import type { PageBody } from './page-layout'
import { scheduleTable } from './portal-plan'
import type { PortalCase, PortalView } from './portal-view'

/** An instalment of the debtor's active promise or plan as the portal shows it (minor units). */
export interface PortalInstalment {
  dueDate: string
  amount: number
  paid: number
  missed: boolean
}

/** The promise or plan the debtor made and is keeping: what the overview shows instead of offering another. */
export interface PortalArrangement {
  kind: 'promise' | 'plan'
  instalments: PortalInstalment[]
}

const money = (view: PortalView, found: PortalCase, minor: number) => view.text.money(fromMinorUnits(minor, found.currency), found.currency)

function status(view: PortalView, found: PortalCase, instalment: PortalInstalment): string {
  const p = view.text.t.portal
  if (instalment.paid >= instalment.amount) return p.instalmentStatus.paid
  const word = instalment.missed ? p.instalmentStatus.missed : p.instalmentStatus.open
  return instalment.paid > 0 ? `${word} (${p.instalmentPartly(money(view, found, instalment.paid))})` : word
}

/**
 * What the debtor is asked to pay now, in minor units: the unpaid part of the next instalment of the promise or plan
 * being kept, else the whole balance (never more than the balance, never below 0).
 */
export function amountDueNow(found: PortalCase): number {
  const next = found.arrangement?.instalments.find((instalment) => instalment.paid < instalment.amount)
  const balance = Math.max(0, found.balance)
  return next ? Math.min(balance, next.amount - next.paid) : balance
}

/** The debtor's plan (each instalment: due date, amount, paid or not) or promise, with what is due next. */
export function arrangementSection(view: PortalView, found: PortalCase, arrangement: PortalArrangement): PageBody {
  const p = view.text.t.portal
  const next = arrangement.instalments.find((instalment) => instalment.paid < instalment.amount)
  if (arrangement.kind === 'promise') {
    const promised = arrangement.instalments[0]!
    return html`<section aria-labelledby="arrangement-title"><h2 id="arrangement-title">${p.yourPromiseTitle}</h2>
<p>${p.yourPromiseBody(money(view, found, promised.amount), view.text.date(promised.dueDate))}</p>
${promised.paid > 0 ? html`<p>${p.yourPromisePaid(money(view, found, promised.paid))}</p>` : ''}</section>`
  }
  return html`<section aria-labelledby="arrangement-title"><h2 id="arrangement-title">${p.yourPlanTitle}</h2>
${next ? html`<p>${p.yourPlanNext(money(view, found, next.amount - next.paid), view.text.date(next.dueDate))}</p>` : ''}
${scheduleTable(view, found, arrangement.instalments, { header: p.instalmentStatusHeader, of: (index) => status(view, found, arrangement.instalments[index]!) })}</section>`
}

/** The case's promise or plan being kept now (the newest active one; a new one replaces the old), if any. */
export async function readActiveArrangement(db: Kysely<Database>, caseId: string): Promise<PortalArrangement | undefined> {
  const row = await db
    .selectFrom('arrangements')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', '=', 'active')
    .orderBy('made_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  if (!row) return undefined
  const { kind, instalments } = arrangementFromRow(row)
  return { kind, instalments: instalments.map(({ dueDate, amount, paid, missed }) => ({ dueDate, amount, paid, missed })) }
}
