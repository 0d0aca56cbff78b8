import type { Hono } from 'hono'
import QRCode from 'qrcode'
import type { AppEnv, AppOptions } from '../app-types'
import { girocodePayload } from '../../public-pages/girocode'
import { overviewPage, transferPage } from '../../public-pages/portal-pages'
import { type LoadedPortal, loadPortal, payNowUrl, portalPage } from './portal-load'
import { portalFormRoutes } from './portal-forms'

export { portalBodyLimit } from './portal-load'

/**
 * The GiroCode as inline SVG: error correction M, as EPC069-12 asks (it survives a smudged or creased printout and
 * keeps the code small enough for a phone's camera at arm's length).
 */
async function girocodeSvg(loaded: LoadedPortal): Promise<string | undefined> {
  const { found, bank } = loaded
  if (!bank || found.currency !== 'EUR' || found.balance <= 0) return undefined
  const payload = girocodePayload({ name: bank.holder, iban: bank.iban, bic: bank.bic, amountCents: found.balance, reference: found.reference })
  if (!payload.ok) return undefined
  return QRCode.toString(payload.payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
}

/** The debtor's self-service portal: what is owed, and every way to settle, promise, dispute or say they can't pay. */
export function portalRoutes(app: Hono<AppEnv>, options: AppOptions): void {
  app.get('/pay/:token', async (c) => {
    const loaded = await loadPortal(c, options)
    if (loaded instanceof Response) return loaded
    return portalPage(c, loaded, overviewPage(loaded.view, loaded.found, payNowUrl(loaded.view.base)))
  })

  app.get('/pay/:token/transfer', async (c) => {
    const loaded = await loadPortal(c, options)
    if (loaded instanceof Response) return loaded
    return portalPage(c, loaded, transferPage(loaded.view, loaded.found, loaded.bank, await girocodeSvg(loaded)))
  })

  portalFormRoutes(app, options)
}
