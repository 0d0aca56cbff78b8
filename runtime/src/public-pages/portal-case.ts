import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { localDate } from '../engine/local-date'

/** The channels a debtor can be reached on: those the case has an address or number for. */
export function reachableChannels(debtor: { email?: unknown; phone?: unknown; address?: unknown }): string[] {
  return [...(debtor.email ? ['email'] : []), ...(debtor.phone ? ['sms', 'whatsapp', 'call'] : []), ...(debtor.address ? ['letter'] : [])]
}

/** How far ahead a debtor may promise to pay, unless the journey's offer says otherwise. */
export const DEFAULT_PROMISE_WINDOW_DAYS = 14

/** The days a payment may be promised for: today (in the debtor's zone, on the engine's clock) to the window's end. */
export function promiseWindow(now: number, zone: string | undefined, days = DEFAULT_PROMISE_WINDOW_DAYS): { first: string; last: string } {
  let first: string
  try {
    first = localDate(now, zone ?? 'UTC')
  } catch {
    first = localDate(now, 'UTC')
  }
  const last = new Date(Date.parse(`${first}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
  return { first, last }
}

/**
 * An amount as a person types it (`89,90`, `89.90`, `89`) in exact minor units, or undefined when it does not read
 * as one: at most the currency's decimals, either mark as the decimal separator, no grouping.
 */
export function amountFromText(input: string, digits: number): number | undefined {
  const text = input.replace(/\s/g, '')
  const match = digits > 0 ? new RegExp(`^(\\d{1,12})(?:[.,](\\d{1,${digits}}))?$`).exec(text) : /^(\d{1,12})()$/.exec(text)
  if (!match) return undefined
  const minor = Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || '0')
  return Number.isSafeInteger(minor) ? minor : undefined
}

export async function isHeld(db: Kysely<Database>, caseId: string): Promise<boolean> {
  return (await db.selectFrom('case_holds').select('kind').where('case_id', '=', caseId).limit(1).executeTakeFirst()) !== undefined
}
