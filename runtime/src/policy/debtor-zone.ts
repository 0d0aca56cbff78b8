import { Info, type Zone } from 'luxon'

/** The debtor's time zone, or the default when theirs is missing or unknown to the platform's time zone data. */
export function debtorZone(timezone: string | undefined, defaultTimezone: string): Zone {
  if (timezone) {
    const zone = Info.normalizeZone(timezone)
    if (zone.isValid) return zone
  }
  const fallback = Info.normalizeZone(defaultTimezone)
  if (!fallback.isValid) {
    throw new Error(`invalid default time zone "${defaultTimezone}": use an IANA name such as Europe/Berlin`)
  }
  return fallback
}

export function isValidTimezone(timezone: string): boolean {
  return timezone.length > 0 && Info.normalizeZone(timezone).isValid
}
