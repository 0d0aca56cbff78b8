import type { PlanInterval, ScheduledInstalment } from '@dunwell/journey'
import type { arrangementSources } from '@dunwell/contract'
import { fromMinorUnits } from './money'

/** A schedule (minor units) as the data of a `plan.agreed` event (major units, as every event's amounts). */
export function planAgreedData(schedule: readonly ScheduledInstalment[], interval: PlanInterval, currency: string, via: (typeof arrangementSources)[number]) {
  return { instalments: schedule.map((i) => ({ dueDate: i.dueDate, amount: fromMinorUnits(i.amount, currency) })), interval, via }
}
