import type { LinkSecrets } from '../channels/links'
import type { Kysely } from 'kysely'
import type { AuthEnv } from '../auth/types'
import type { VirtualClock } from '../clock'
import type { Database } from '../db/database'
import type { Engine } from '../engine/engine'
import type { PaymentProvider } from '../payments/payment-provider'

export interface AppOptions {
  engine: Engine
  db: Kysely<Database>
  /** Run without API keys; honoured only for requests from this machine (development). */
  open?: boolean
  /** A virtual clock the API may move (`POST /api/test/clock`): for tests and demos only. */
  testClock?: VirtualClock
  /** Signs payment and opt-out links, and checks provider callbacks. */
  secrets?: { links?: LinkSecrets; providers?: Record<string, string> }
  /** Payments through a provider's checkout (the portal's "pay now"); without it the portal offers bank transfer only. */
  payments?: {
    provider: PaymentProvider
    /** Where the portal is served (as the links' public URL): the provider sends the debtor back there. */
    publicUrl: string
  }
  /** Body size limits in bytes. */
  limits?: {
    json?: number
    bulk?: number
    import?: number
    /** Events due and not yet applied beyond which new events wait (429 with Retry-After); 1,000,000 by default. */
    backlog?: number
    /** Simulations that run at once; 2 by default (more wait: 429 with Retry-After). */
    simulations?: number
  }
}

export type AppEnv = AuthEnv
