import { html, raw } from 'hono/html'
import { fromMinorUnits } from '../wire/money'
import { type Brand, type PageBody, pageLayout } from './page-layout'
import { minorDigits } from '@dunwell/contract'
import { planCounts } from '@dunwell/journey'
import { amountDueNow, arrangementSection } from './portal-arrangement'
import type { LinkOffer } from './portal-offer'
import { amountForInput, backLink, type FormKey, hiddenFields, type PortalCase, type PortalView } from './portal-view'

const money = (view: PortalView, found: PortalCase, minor: number) => view.text.money(fromMinorUnits(minor, found.currency), found.currency)

function option(href: string, title: string, hint: string): PageBody {
  return html`<li><a href="${href}"><strong>${title}</strong><span>${hint}</span></a></li>`
}

/** The overview's "pay now" form: to the provider's checkout; an amount field only when the link offers paying in part. */
export interface PayNowForm {
  action: string
  partial: boolean
  /** The smallest part (minor units), when the offer sets one. */
  minPart?: number
  /** One submission: sent twice (a double click), it is one checkout at the provider. */
  key: FormKey
}

/** Back from the provider's checkout: paid (the webhook confirms it, perhaps a moment later) or cancelled. */
export type CheckoutReturn = 'done' | 'cancelled'

function payNowForm(view: PortalView, found: PortalCase, form: PayNowForm): PageBody {
  const p = view.text.t.portal
  const least = form.partial && form.minPart !== undefined && form.minPart < found.balance ? form.minPart : undefined
  const hint = least !== undefined ? html`<span class="hint" id="pay-amount-hint">${p.payPartMinimum(money(view, found, least))}</span>` : ''
  const amount = form.partial
    ? html`<p><label for="pay-amount">${p.payPartLabel(found.currency)}</label>${hint}<input id="pay-amount" name="amount" type="text" inputmode="decimal" autocomplete="off" required value="${amountForInput(view.text, amountDueNow(found), minorDigits(found.currency))}"${least !== undefined ? html` aria-describedby="pay-amount-hint"` : ''}></p>`
    : ''
  return html`<form method="post" action="${form.action}">${hiddenFields(form.key)}${amount}<p><button type="submit">${p.payNow}</button> <span class="hint">${p.payNowHint}</span></p></form>`
}

/** Back from the checkout: thanks (and, while something is still open, that the provider's confirmation counts), or nothing charged. */
function checkoutNotice(view: PortalView, back: CheckoutReturn | undefined, settled: boolean): PageBody | '' {
  const p = view.text.t.portal
  if (!back) return ''
  // Settled already (the confirmation came first): "as soon as the provider confirms it" would say what is not so.
  if (back === 'done' && settled) return html`<div class="note" role="status"><p><strong>${p.checkoutDoneTitle}</strong></p></div>`
  const [title, body] = back === 'done' ? [p.checkoutDoneTitle, p.checkoutDoneBody] : [p.checkoutCancelledTitle, p.checkoutCancelledBody]
  return html`<div class="note" role="status"><p><strong>${title}</strong></p><p>${body}</p></div>`
}

/**
 * The portal's first page: what is owed and why, then every way to settle it. Paying, disputing and "I can't pay
 * right now" are always offered, whatever the journey's step; an instalment plan when the link's step offers one.
 */
export function overviewPage(view: PortalView, found: PortalCase, offer: LinkOffer, payNow: PayNowForm | undefined, back?: CheckoutReturn): PageBody {
  const { t } = view.text
  const p = t.portal
  const title = view.brand?.name ? p.overviewTitleWith(view.brand.name) : p.overviewTitle
  const paid = found.amountDue + (found.fees ?? 0) - found.balance
  const open = found.balance > 0
  // A promise or plan being kept is shown; offering another beside it would only replace it.
  const kept = open ? found.arrangement : undefined
  // A plan is listed when the balance can be spread at all: the most instalments its rules allow for it.
  const mostInstalments = offer.plan && open ? Math.max(...planCounts(offer.plan, found.balance, minorDigits(found.currency))) : 0
  const summary = html`<h2>${p.whatTitle}</h2>
<dl>
<dt>${p.referenceLabel}</dt><dd>${found.reference}</dd>
<dt>${p.dueDateLabel}</dt><dd><time datetime="${found.dueDate.slice(0, 10)}">${view.text.date(found.dueDate)}</time></dd>
<dt>${p.amountDueLabel}</dt><dd>${money(view, found, found.amountDue)}</dd>
${found.fees ? html`<dt>${p.feesLabel}</dt><dd>${money(view, found, found.fees)}</dd>` : ''}
${paid > 0 ? html`<dt>${p.paidLabel}</dt><dd>${money(view, found, paid)}</dd>` : ''}
<dt>${p.balanceLabel}</dt><dd class="total">${money(view, found, Math.max(0, found.balance))}</dd>
</dl>`
  const greeting = found.firstName ? html`<p>${p.greeting(found.firstName)} ${p.intro}</p>` : html`<p>${p.intro}</p>`
  const payOptions = open
    ? html`${payNow ? payNowForm(view, found, payNow) : ''}
<ul class="options">
${mostInstalments > 1 && !kept ? option(`${view.base}/plan`, p.plan, p.planHint(mostInstalments)) : ''}
${option(`${view.base}/transfer`, p.transfer, p.transferHint)}
${kept ? '' : option(`${view.base}/promise`, p.promise, offer.promise ? p.promiseHintWithin(offer.promise.maxDays) : p.promiseHint)}
${option(`${view.base}/hardship`, p.hardship, p.hardshipHint)}
${option(`${view.base}/dispute`, p.dispute, p.disputeHint)}
${option(`${view.base}/preferences`, p.preferences, p.preferencesHint)}
</ul>`
    : html`<p>${p.nothingOpenBody}</p>
<ul class="options">
${option(`${view.base}/dispute`, p.dispute, p.disputeHint)}
${option(`${view.base}/preferences`, p.preferences, p.preferencesHint)}
</ul>`
  return pageLayout(
    view.text,
    open ? title : p.nothingOpenTitle,
    html`${checkoutNotice(view, back, !open)}${open ? greeting : ''}${found.held ? html`<p class="note">${p.onHold}</p>` : ''}
${summary}
${kept ? arrangementSection(view, found, kept) : ''}
<h2>${p.optionsTitle}</h2>
${payOptions}`,
    view.brand,
  )
}

export interface BankAccount {
  holder: string
  iban: string
  bic?: string
}

/** IBANs are read in groups of four, as banks print them. */
const grouped = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ')

/** Account, amount and reference, and the GiroCode (an inline SVG from `qrcode`, or none: not EUR, or no account). */
export function transferPage(view: PortalView, found: PortalCase, bank: BankAccount | undefined, qrSvg: string | undefined): PageBody {
  const p = view.text.t.portal
  const now = amountDueNow(found)
  const amount = money(view, found, now)
  if (!bank) return pageLayout(view.text, p.transferTitle, html`<p>${p.noBankAccount}</p>${backLink(view)}`, view.brand)
  // On a plan or promise, the instalment due next; the whole balance may always be paid instead.
  const instead = now < found.balance ? html`<p>${p.transferWholeInstead(money(view, found, found.balance))}</p>` : ''
  const qr = qrSvg
    ? html`<h2>${p.qrTitle}</h2>
<figure>${raw(qrSvg.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(p.qrLabel(amount))}" `))}<figcaption>${p.qrHint}</figcaption></figure>`
    : ''
  return pageLayout(
    view.text,
    p.transferTitle,
    html`<p>${now < found.balance ? p.transferInstalmentIntro : p.transferIntro}</p>
<dl>
<dt>${p.accountHolderLabel}</dt><dd>${bank.holder}</dd>
<dt>IBAN</dt><dd>${grouped(bank.iban)}</dd>
${bank.bic ? html`<dt>BIC</dt><dd>${bank.bic}</dd>` : ''}
<dt>${now < found.balance ? p.nextInstalmentLabel : p.amountLabel}</dt><dd class="total">${amount}</dd>
<dt>${p.transferReferenceLabel}</dt><dd>${found.reference}</dd>
</dl>
${instead}
${qr}
${backLink(view)}`,
    view.brand,
  )
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A page with a title and a sentence, and the way back: confirmations, and a form that was not this portal's. */
export function messagePage(view: PortalView, title: string, body: string, brand: Brand | undefined = view.brand): PageBody {
  return pageLayout(view.text, title, html`<p>${body}</p>${backLink(view)}`, brand)
}
