import { html } from 'hono/html'
import { catalogues } from '../i18n/debtor-text'
import { timesOfDay } from '@dunwell/journey'
import { type PageBody, pageLayout } from './page-layout'
import { backLink, errorBox, type FormKey, hiddenFields, type PortalView } from './portal-view'

/** The longest free text a debtor may write (a reason, a note): what the event's data accepts. */
export const MAX_NOTE_LENGTH = 2000

const describedBy = (error: string | undefined) => (error ? 'form-error' : undefined)

export interface PromiseForm {
  key: FormKey
  /** The first and last day a payment may be promised for (YYYY-MM-DD). */
  first: string
  last: string
  currency: string
  /** What the fields show: the debtor's entry again after an error, else the suggestion. */
  date: string
  amount: string
  error?: { field: 'date' | 'amount'; message: string }
}

export function promisePage(view: PortalView, form: PromiseForm): PageBody {
  const p = view.text.t.portal
  const dateError = form.error?.field === 'date' ? form.error.message : undefined
  const amountError = form.error?.field === 'amount' ? form.error.message : undefined
  return pageLayout(
    view.text,
    p.promiseTitle,
    html`${errorBox(view, form.error?.message, 'form-error')}
<p>${p.promiseIntro(view.text.date(form.last))}</p>
<form method="post" action="${view.base}/promise">${hiddenFields(form.key)}
<p><label for="date">${p.dateLabel}</label><input id="date" name="date" type="date" required min="${form.first}" max="${form.last}" value="${form.date}"${dateError ? html` aria-invalid="true" aria-describedby="${describedBy(dateError)}"` : ''}></p>
<p><label for="amount">${p.amountInputLabel(form.currency)}</label><input id="amount" name="amount" type="text" inputmode="decimal" autocomplete="off" required value="${form.amount}"${amountError ? html` aria-invalid="true" aria-describedby="${describedBy(amountError)}"` : ''}></p>
<p><button type="submit">${p.promiseButton}</button></p>
</form>
${backLink(view)}`,
    view.brand,
  )
}

export interface TextForm {
  key: FormKey
  text: string
  error?: string
}

/** A form of one text area (and, for a dispute, a document): what differs is said by `parts`. */
function textAreaPage(
  view: PortalView,
  form: TextForm,
  parts: { title: string; intro: string; action: string; field: string; label: string; button: string; required: boolean; upload: boolean },
): PageBody {
  const p = view.text.t.portal
  const upload = parts.upload
    ? html`<p><label for="document">${p.documentLabel}</label><span class="hint" id="document-hint">${p.documentHint}</span><input id="document" name="document" type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby="document-hint"></p>`
    : ''
  return pageLayout(
    view.text,
    parts.title,
    html`${errorBox(view, form.error, 'form-error')}
<p>${parts.intro}</p>
<form method="post" action="${view.base}/${parts.action}"${parts.upload ? html` enctype="multipart/form-data"` : ''}>${hiddenFields(form.key)}
<p><label for="${parts.field}">${parts.label}</label><textarea id="${parts.field}" name="${parts.field}"${parts.required ? ' required' : ''} maxlength="${MAX_NOTE_LENGTH}"${form.error ? html` aria-describedby="form-error"` : ''}>${form.text}</textarea></p>
${upload}
<p><button type="submit">${parts.button}</button></p>
</form>
${backLink(view)}`,
    view.brand,
  )
}

export function disputePage(view: PortalView, form: TextForm): PageBody {
  const p = view.text.t.portal
  return textAreaPage(view, form, {
    title: p.disputeTitle,
    intro: p.disputeIntro,
    action: 'dispute',
    field: 'reason',
    label: p.reasonLabel,
    button: p.disputeButton,
    required: true,
    upload: true,
  })
}

export function hardshipPage(view: PortalView, form: TextForm): PageBody {
  const p = view.text.t.portal
  return textAreaPage(view, form, {
    title: p.hardshipTitle,
    intro: p.hardshipIntro,
    action: 'hardship',
    field: 'note',
    label: p.noteLabel,
    button: p.hardshipButton,
    required: false,
    upload: false,
  })
}

export { timesOfDay }

export interface PreferencesForm {
  key: FormKey
  /** The channels the case can be reached on (it has the address or number for them). */
  channels: readonly string[]
  optedOut: readonly string[]
  channel?: string | null
  timeOfDay?: string | null
  locale?: string | null
  error?: string
}

function select(id: string, label: string, none: string, options: [string, string][], chosen: string | null | undefined): PageBody {
  return html`<p><label for="${id}">${label}</label><select id="${id}" name="${id}"><option value="">${none}</option>${options.map(
    ([value, text]) => html`<option value="${value}"${value === chosen ? ' selected' : ''}>${text}</option>`,
  )}</select></p>`
}

/** Channel, time of day and language in one form; below it, one button per channel to stop it (the existing opt-out). */
export function preferencesPage(view: PortalView, form: PreferencesForm): PageBody {
  const { t } = view.text
  const p = t.portal
  const word = (channel: string) => (Object.hasOwn(t.channels, channel) ? t.channels[channel]! : channel)
  const languages = Object.entries(catalogues).map(([code, catalogue]) => [code, catalogue.language] as [string, string])
  return pageLayout(
    view.text,
    p.preferencesTitle,
    html`${errorBox(view, form.error, 'form-error')}
<form method="post" action="${view.base}/preferences">${hiddenFields(form.key)}
${select(
  'channel',
  p.channelLabel,
  p.noPreference,
  form.channels.filter((c) => !form.optedOut.includes(c)).map((c) => [c, word(c)]),
  form.channel,
)}
${select(
  'timeOfDay',
  p.timeOfDayLabel,
  p.noPreference,
  timesOfDay.map((time) => [time, p.timesOfDay[time]!]),
  form.timeOfDay,
)}
${select('locale', p.languageLabel, p.noPreference, languages, form.locale)}
<p><button type="submit">${p.preferencesButton}</button></p>
</form>
<h2>${p.optOutTitle}</h2>
${form.channels.map((channel) =>
  form.optedOut.includes(channel) || form.optedOut.includes('all')
    ? html`<p>${p.optedOut(word(channel))}</p>`
    : html`<form method="post" action="${view.base}/optout">${hiddenFields(form.key)}<input type="hidden" name="channel" value="${channel}"><p><button type="submit" class="secondary">${p.optOutButton(word(channel))}</button></p></form>`,
)}
${backLink(view)}`,
    view.brand,
  )
}
