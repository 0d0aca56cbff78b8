import { closestName } from '../closest-name'
import type { Diagnostic } from '../diagnostics'
import { isPlainObject } from '../is-plain-object'
import { isKnownEvent, knownEventTypes } from '../known-events'
import type { JourneyView } from './view'

/**
 * Event names Dunwell does not know, a warning only: other systems send their own events. A typo in the entry's
 * event would enrol nobody (and one in a stop rule stop nothing), so the closest known name is offered.
 */
export function checkEvents(view: JourneyView): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const node of view.nodes) {
    const parsed = node.node
    if (!parsed) continue
    // Any kind's `event` field names an event (an entry's trigger, a wait's event).
    const data: unknown = parsed.data
    const event = isPlainObject(data) && typeof data.event === 'string' ? data.event : undefined
    const found = event === undefined ? undefined : unknownEvent(event, ['nodes', node.index, 'data', 'event'])
    if (found) diagnostics.push({ ...found, nodeId: node.id })
  }
  // A stop rule on a misspelt event would never stop anything.
  view.settings?.stopOn?.forEach((rule, index) => {
    const found = unknownEvent(rule.event, ['settings', 'stopOn', index, 'event'])
    if (found) diagnostics.push(found)
  })
  return diagnostics
}

function unknownEvent(event: string, path: Diagnostic['path']): Diagnostic | undefined {
  if (isKnownEvent(event)) return undefined
  const guess = closestName(event, knownEventTypes)
  return {
    severity: 'warning',
    code: 'unknown-event',
    message: guess ? `"${event}" is not a known event type; did you mean ${guess}?` : `"${event}" is not a known event type; make sure your systems send it`,
    path,
  }
}
