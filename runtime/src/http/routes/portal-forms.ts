import { isoDate, minorDigits } from '@dunwell/contract'
import type { Context, Hono } from 'hono'
import type { AppEnv, AppOptions } from '../app-types'
import type { PageBody } from '../../public-pages/page-layout'
import { catalogues } from '../../i18n/debtor-text'
import { debtorTextForCase } from '../../public-pages/debtor-text-for-case'
import { optOutEvent } from '../../public-pages/opt-out-event'
import { amountFromText, promiseWindow, reachableChannels } from '../../public-pages/portal-case'
import { disputePage, hardshipPage, MAX_NOTE_LENGTH, preferencesPage, promisePage, timesOfDay } from '../../public-pages/portal-forms'
import { messagePage } from '../../public-pages/portal-pages'
import { openPortalTask, readPreferences, saveDocument, savePreferences } from '../../public-pages/portal-records'
import { amountForInput } from '../../public-pages/portal-view'
import { documentMediaType, MAX_DOCUMENT_BYTES } from '../../public-pages/uploaded-document'
import { parseMediaType } from '../strict-content-type'
import { fromMinorUnits } from '../../wire/money'
import { formKeys, type LoadedPortal, loadPortal, portalPage } from './portal-load'

export type Body = Record<string, string | File>

const text = (body: Body, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '')

/**
 * A posted form of this portal, or the page to answer instead. Refused: a form another site sent (the browser says
 * `Sec-Fetch-Site: cross-site`), a body of another type, and one without this link's form key (forged, or made for
 * another case's link). Nothing is changed by a refused form.
 */
export async function readForm(c: Context, options: AppOptions, loaded: LoadedPortal, multipart: boolean): Promise<Body | Response> {
  const { t } = loaded.view.text
  const refuse = (status: 403 | 415 | 400) => portalPage(c, loaded, messagePage(loaded.view, t.portal.formExpiredTitle, t.portal.formExpiredBody), status)
  if (c.req.header('sec-fetch-site') === 'cross-site') return refuse(403)
  const type = parseMediaType(c.req.header('content-type') ?? '')?.type
  if (type !== (multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded')) return refuse(415)
  let body: Body
  try {
    body = (await c.req.parseBody()) as Body
  } catch {
    return refuse(400)
  }
  if (!formKeys.check(options, loaded.token, body)) return refuse(403)
  return body
}

/** A form's event, one per submission: the same form sent twice is one event. */
export async function ingestForm(options: AppOptions, loaded: LoadedPortal, kind: string, submission: string, type: string, data: Record<string, unknown>) {
  await options.engine.ingest([{ id: `portal/${kind}/${submission}`, type, caseId: loaded.caseId, data }], 'runtime')
}

/** The portal's forms: GET shows one (with a fresh key), POST does what it says and confirms, in the debtor's language. */
export function portalFormRoutes(app: Hono<AppEnv>, options: AppOptions): void {
  const now = () => options.engine.clock.now()
  const page = (path: string, render: (loaded: LoadedPortal) => PageBody | Promise<PageBody>) =>
    app.get(path, async (c) => {
      const loaded = await loadPortal(c, options)
      if (loaded instanceof Response) return loaded
      return portalPage(c, loaded, await render(loaded))
    })
  const post = (path: string, multipart: boolean, handle: (c: Context, loaded: LoadedPortal, body: Body) => Promise<Response>) =>
    app.post(path, async (c) => {
      const loaded = await loadPortal(c, options)
      if (loaded instanceof Response) return loaded
      const body = await readForm(c, options, loaded, multipart)
      if (body instanceof Response) return body
      return handle(c, loaded, body)
    })

  // The window of the link's offer of a promise, else the default one.
  const windowOf = (loaded: LoadedPortal) =>
    promiseWindow(now(), typeof loaded.debtor.timezone === 'string' ? loaded.debtor.timezone : undefined, loaded.offer.promise?.maxDays)
  const promiseForm = (loaded: LoadedPortal, values?: { date: string; amount: string }, error?: { field: 'date' | 'amount'; message: string }) => {
    const window = windowOf(loaded)
    const digits = minorDigits(loaded.found.currency)
    return promisePage(loaded.view, {
      key: formKeys.make(options, loaded.token),
      ...window,
      currency: loaded.found.currency,
      date: values?.date ?? window.last,
      amount: values?.amount ?? amountForInput(loaded.view.text, Math.max(0, loaded.found.balance), digits),
      error,
    })
  }

  page('/portal/:token/promise', (loaded) => promiseForm(loaded))

  post('/portal/:token/promise', false, async (c, loaded, body) => {
    const { text: debtor, t } = { text: loaded.view.text, t: loaded.view.text.t }
    const values = { date: text(body, 'date').slice(0, 10), amount: text(body, 'amount').slice(0, 40) }
    const window = windowOf(loaded)
    const { currency, balance } = loaded.found
    if (!isoDate.safeParse(values.date).success || values.date < window.first || values.date > window.last) {
      const message = t.portal.errors.date(debtor.date(window.first), debtor.date(window.last))
      return portalPage(c, loaded, promiseForm(loaded, values, { field: 'date', message }), 400)
    }
    const minor = amountFromText(values.amount, minorDigits(currency))
    if (minor === undefined || minor < 1 || minor > balance) {
      const message = t.portal.errors.amount(debtor.money(fromMinorUnits(Math.max(0, balance), currency), currency))
      return portalPage(c, loaded, promiseForm(loaded, values, { field: 'amount', message }), 400)
    }
    const amount = fromMinorUnits(minor, currency)
    await ingestForm(options, loaded, 'promise', body.submission as string, 'promise.made', { amount, date: values.date, via: 'portal' })
    return portalPage(
      c,
      loaded,
      messagePage(loaded.view, t.portal.promiseDoneTitle, t.portal.promiseDoneBody(debtor.money(amount, currency), debtor.date(values.date))),
    )
  })

  page('/portal/:token/dispute', (loaded) => disputePage(loaded.view, { key: formKeys.make(options, loaded.token), text: '' }))

  post('/portal/:token/dispute', true, async (c, loaded, body) => {
    const { t } = loaded.view.text
    const reason = text(body, 'reason').trim()
    const again = (error: string) =>
      portalPage(c, loaded, disputePage(loaded.view, { key: formKeys.make(options, loaded.token), text: reason.slice(0, MAX_NOTE_LENGTH), error }), 400)
    if (reason.length === 0 || reason.length > MAX_NOTE_LENGTH) return again(t.portal.errors.reason)
    const file = body.document
    let documentId: string | undefined
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_DOCUMENT_BYTES) return again(t.portal.errors.document)
      const bytes = new Uint8Array(await file.arrayBuffer())
      const mediaType = documentMediaType(bytes)
      if (!mediaType) return again(t.portal.errors.document)
      documentId = await saveDocument(options.db, { caseId: loaded.caseId, submission: body.submission as string, mediaType, bytes, now: now() })
    }
    await ingestForm(options, loaded, 'dispute', body.submission as string, 'dispute.opened', { reason, ...(documentId ? { documentId } : {}), via: 'portal' })
    await openPortalTask(options.db, { caseId: loaded.caseId, kind: 'dispute', key: body.submission as string, script: reason, now: now() })
    return portalPage(c, loaded, messagePage(loaded.view, t.portal.disputeDoneTitle, t.portal.disputeDoneBody))
  })

  page('/portal/:token/hardship', (loaded) => hardshipPage(loaded.view, { key: formKeys.make(options, loaded.token), text: '' }))

  post('/portal/:token/hardship', false, async (c, loaded, body) => {
    const { t } = loaded.view.text
    const note = text(body, 'note').trim()
    if (note.length > MAX_NOTE_LENGTH) {
      const form = { key: formKeys.make(options, loaded.token), text: note.slice(0, MAX_NOTE_LENGTH), error: t.portal.errors.note }
      return portalPage(c, loaded, hardshipPage(loaded.view, form), 400)
    }
    await ingestForm(options, loaded, 'hardship', body.submission as string, 'hardship.reported', { ...(note ? { note } : {}), via: 'portal' })
    const script = note || t.portal.hardshipTitle
    await openPortalTask(options.db, { caseId: loaded.caseId, kind: 'hardship', key: body.submission as string, script, now: now() })
    return portalPage(c, loaded, messagePage(loaded.view, t.portal.hardshipDoneTitle, t.portal.hardshipDoneBody))
  })

  const preferencesForm = async (loaded: LoadedPortal, error?: string) => {
    const optouts = await options.db.selectFrom('optouts').select('channel').where('case_id', '=', loaded.caseId).execute()
    const saved = await readPreferences(options.db, loaded.caseId)
    return preferencesPage(loaded.view, {
      key: formKeys.make(options, loaded.token),
      channels: reachableChannels(loaded.debtor),
      optedOut: optouts.map((o) => o.channel),
      ...saved,
      error,
    })
  }

  page('/portal/:token/preferences', (loaded) => preferencesForm(loaded))

  post('/portal/:token/preferences', false, async (c, loaded, body) => {
    const [channel, timeOfDay, locale] = [text(body, 'channel'), text(body, 'timeOfDay'), text(body, 'locale')]
    const known = (value: string, allowed: readonly string[]) => value === '' || allowed.includes(value)
    if (!known(channel, reachableChannels(loaded.debtor)) || !known(timeOfDay, timesOfDay) || !known(locale, Object.keys(catalogues))) {
      return portalPage(c, loaded, await preferencesForm(loaded, loaded.view.text.t.portal.errors.choice), 400)
    }
    const preferences = { channel: channel || null, timeOfDay: timeOfDay || null, locale: locale || null }
    await savePreferences(options.db, loaded.caseId, preferences, now())
    const data = Object.fromEntries(Object.entries(preferences).filter(([, value]) => value !== null))
    await ingestForm(options, loaded, 'preferences', body.submission as string, 'preferences.changed', { ...data, via: 'portal' })
    // In the language just chosen.
    const view = { ...loaded.view, text: await debtorTextForCase(options.db, loaded.caseId) }
    return portalPage(c, loaded, messagePage(view, view.text.t.portal.preferencesDoneTitle, view.text.t.portal.preferencesDoneBody))
  })

  post('/portal/:token/optout', false, async (c, loaded, body) => {
    const channel = text(body, 'channel')
    const { t } = loaded.view.text
    if (!reachableChannels(loaded.debtor).includes(channel)) return portalPage(c, loaded, await preferencesForm(loaded, t.portal.errors.choice), 400)
    await options.engine.ingest([optOutEvent(loaded.caseId, channel)], 'runtime')
    return portalPage(c, loaded, messagePage(loaded.view, t.optout.doneTitle, t.optout.doneBody(t.channels[channel] ?? channel)))
  })
}
