import { fromMinorUnits } from '../wire/money'
import { daysBetween, localDate, yearsBetween } from './local-date'
import type { CaseRecord } from './records'

export interface Place {
  timezone: string
  country?: string
  region?: string
}

export function placeOf(record: CaseRecord, defaultTimezone: string): Place {
  const { timezone, country, region } = record.debtor
  return { timezone: timezone ?? defaultTimezone, ...(country ? { country } : {}), ...(region ? { region } : {}) }
}

/** The debtor's preferences as declared fields (`debtor.preferredChannel`…): only those the debtor gave. */
function preferredFields(record: CaseRecord): { preferredChannel?: string; preferredTimeOfDay?: string; preferredLocale?: string } {
  const { channel, timeOfDay, locale } = record.preferences ?? {}
  return {
    ...(channel ? { preferredChannel: channel } : {}),
    ...(timeOfDay ? { preferredTimeOfDay: timeOfDay } : {}),
    ...(locale ? { preferredLocale: locale } : {}),
  }
}

/** The `case` and `debtor` a condition sees, at `now`: CEL ints are BigInt, money is major units. */
export function expressionFacts(record: CaseRecord, now: number, defaultTimezone: string) {
  let today: string
  try {
    today = localDate(now, record.debtor.timezone ?? defaultTimezone)
  } catch {
    today = localDate(now, defaultTimezone)
  }
  const { attributes: debtorAttributes, birthDate, address: _address, ...debtor } = record.debtor
  const age = birthDate ? yearsBetween(birthDate, today) : undefined
  return {
    case: {
      id: record.id,
      amountDue: fromMinorUnits(record.amountDue, record.currency),
      balance: fromMinorUnits(record.balance, record.currency),
      currency: record.currency,
      dueDate: record.dueDate,
      daysPastDue: BigInt(daysBetween(record.dueDate, today)),
      attributes: record.attributes,
    },
    debtor: {
      ...debtor,
      ...preferredFields(record),
      ...(age !== undefined && Number.isFinite(age) ? { age: BigInt(age) } : {}),
      attributes: debtorAttributes ?? {},
    },
  }
}

/** The same facts for templates: plain numbers, dates as written. */
export function templateFacts(record: CaseRecord, now: number, defaultTimezone: string) {
  const facts = expressionFacts(record, now, defaultTimezone)
  return {
    case: { ...facts.case, daysPastDue: Number(facts.case.daysPastDue) },
    debtor: { ...record.debtor, ...preferredFields(record), ...(facts.debtor.age !== undefined ? { age: Number(facts.debtor.age) } : {}) },
  }
}
