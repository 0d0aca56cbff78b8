import { Duration } from 'luxon'

/** The units a duration can be given in with one number, smallest first. */
export const durationUnits = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const
export type DurationUnit = (typeof durationUnits)[number]

/** A duration as a person types it: a whole number of one unit. */
export interface DurationParts {
  amount: number
  unit: DurationUnit
}

/**
 * `P3D` as 3 days; undefined when one number and one unit cannot say it (`P1DT2H`, `P1.5D`, `PT30S`, not ISO
 * 8601 at all), so that the caller keeps the text as it is instead of rounding it away.
 */
export function durationParts(iso: string): DurationParts | undefined {
  const duration = Duration.fromISO(iso)
  if (!duration.isValid) return undefined
  const set = Object.entries(duration.toObject()).filter(([, amount]) => amount !== 0)
  if (set.length === 0) {
    // P0D: a zero is still one unit, and the validator says why it is wrong.
    const [unit] = Object.keys(duration.toObject())
    return durationUnits.includes(unit as DurationUnit) ? { amount: 0, unit: unit as DurationUnit } : undefined
  }
  if (set.length !== 1) return undefined
  const [unit, amount] = set[0]!
  if (!durationUnits.includes(unit as DurationUnit) || !Number.isInteger(amount) || amount! < 0) return undefined
  return { amount: amount!, unit: unit as DurationUnit }
}

/** 3 days as `P3D`. */
export function durationFromParts({ amount, unit }: DurationParts): string {
  return Duration.fromObject({ [unit]: amount }).toISO() ?? ''
}

/**
 * `P10D` as "10 days", in the unit it was given in (as the inspector shows it: 10 business days are not 1 week
 * and 3); `PT1H90M` as "2 hours, 30 minutes". The text itself when it is no duration.
 */
export function describeDuration(iso: string): string {
  // The editor speaks English whatever the browser's locale (and "business" is put before the English "days").
  const duration = Duration.fromISO(iso, { locale: 'en' })
  if (!duration.isValid) return iso
  return (durationParts(iso) ? duration : duration.rescale()).toHuman({ listStyle: 'narrow' })
}

/** The words of a step card: "3 business days" when only business days count. */
export function durationWords(iso: string, options: { businessDays?: boolean | undefined } = {}): string {
  const text = describeDuration(iso)
  return options.businessDays ? text.replace(/days?/, (days) => `business ${days}`) : text
}

/** Days of an ISO 8601 duration (months as 30 days, years as 365): enough to size a run; 0 when it is none. */
export function durationDays(iso: string): number {
  const match =
    /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      iso,
    )
  if (!match) return 0
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as number[]
  return years! * 365 + months! * 30 + weeks! * 7 + days! + hours! / 24 + minutes! / 1440 + seconds! / 86_400
}
