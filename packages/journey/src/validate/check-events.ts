import { closestName } from '../closest-name'
import type { Diagnostic } from '../diagnostics'
import { isKnownEvent, knownEventTypes } from '../known-events'
import type { JourneyView } from './view'

/**
 * Event names Dunwell does not know, a warning only: other systems send their own events. A typo in the entry's
 * event would enrol nobody, so the closest known name is offered.
 */
export function checkEvents(view: JourneyView): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const node of view.nodes) {
    const parsed = node.node
    if (!parsed) continue
    const event =
      parsed.type === 'entry'
        ? 'event' in parsed.data
          ? parsed.data.event
          : undefined
        : parsed.type === 'wait' && 'event' in parsed.data
          ? parsed.data.event
          : undefined
    if (event === undefined || isKnownEvent(event)) continue
    const guess = closestName(event, knownEventTypes)
    diagnostics.push({
      severity: 'warning',
      code: 'unknown-event',
      message: guess ? `"${event}" is not a known event type; did you mean ${guess}?` : `"${event}" is not a known event type; make sure your systems send it`,
      nodeId: node.id,
      path: ['nodes', node.index, 'data', 'event'],
    })
  }
  return diagnostics
}
