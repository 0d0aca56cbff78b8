import type { AppOptions } from './app-types'

const MB = 1024 * 1024

/** Body size limits in bytes: a JSON body, a bulk (events, cases, simulations), and an import (streamed in batches). */
export function bodyLimits(limits: AppOptions['limits'] = {}) {
  return { json: limits.json ?? 2 * MB, bulk: limits.bulk ?? 64 * MB, import: limits.import ?? 1024 * MB }
}
