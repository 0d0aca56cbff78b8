import type { TraceStep } from '@dunwell/client'
import { type Journey, nodeKindOf } from '@dunwell/journey'
import { titleOf } from '../canvas/node-kinds'

/** A message of a step, as the engine wrote it: sent (with its text), held for contact hours, or not sent. */
export interface StepMessage {
  channel: string
  template: string | null
  status: 'sent' | 'task' | 'deferred' | 'suppressed'
  reason?: string
  until?: string
  recipient?: string | null
  locale?: string | null
  subject?: string
  text?: string
  html?: string
  /** The runtime left the HTML out of a long trace. */
  htmlOmitted?: boolean
}

export interface StepCondition {
  label: string
  expr: string
  result: boolean
  error?: string
  /** The values it read, in words: `debtor.age was 19, case.attributes.plan was not set`. */
  seen?: string
}

/** A kind's words for a moment of the run; undefined when it has none or the step's data is too broken to word. */
function wordsOf(words: () => string | undefined): string | undefined {
  try {
    return words()
  } catch {
    return undefined
  }
}

/** `debtor.age was 19`, `debtor.country was “DE”`, `debtor.age was not set`: what a condition read, for a person. */
export function describeSeen(values: Record<string, unknown> | undefined): string | undefined {
  const parts = Object.entries(values ?? {}).map(([field, value]) =>
    value === null ? `${field} was not set` : `${field} was ${typeof value === 'string' ? `“${value}”` : String(value)}`,
  )
  return parts.length > 0 ? parts.join(', ') : undefined
}

/** One moment of a test run as a person reads it: where the case is, and what happened there, in words. */
export interface RunStep {
  at: string
  /** Where the case is at this step (null before it enters). */
  nodeId: string | null
  /** The edge the case took to get here, when this step enters a node. */
  edgeId?: string
  kind: 'enter' | 'event' | 'wake' | 'message' | 'hold' | 'exit' | 'not-enrolled'
  title: string
  lines: string[]
  conditions: StepCondition[]
  messages: StepMessage[]
  /** The outcome the journey ended with, on the step that ends it. */
  outcome?: string
}

/** A channel by the title of its step's kind: `SMS`, `WhatsApp`. */
const channelName = (channel: string) => nodeKindOf(channel)?.title ?? channel

const str = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value))

/** The words for an event from the outside world, e.g. "Payment received: €84.50". */
export function describeEvent(type: string, data: Record<string, unknown>, formatMoney: (amount: number) => string = String): string {
  const amount = typeof data.amount === 'number' ? `: ${formatMoney(data.amount)}` : ''
  switch (type) {
    case 'payment.received':
      return `Payment received${amount}`
    case 'promise.made': {
      const by = [data.date, data.promisedFor, data.by].find((value) => typeof value === 'string')
      return `Promise to pay${amount}${by ? ` by ${by}` : ''}`
    }
    case 'plan.agreed': {
      const instalments = Array.isArray(data.instalments) ? (data.instalments as { amount?: unknown; dueDate?: unknown }[]) : []
      const first = instalments[0]
      return first && typeof first.amount === 'number'
        ? `Instalment plan agreed: ${instalments.length} instalments, the first ${formatMoney(first.amount)} by ${str(first.dueDate)}`
        : 'Instalment plan agreed'
    }
    case 'dispute.opened':
      return `Dispute opened${typeof data.reason === 'string' ? `: ${data.reason}` : ''}`
    case 'dispute.resolved':
      return 'Dispute resolved'
    case 'hardship.reported':
      return 'Hardship reported'
    case 'optout':
      return `Opted out of ${typeof data.channel === 'string' && data.channel !== 'all' ? data.channel : 'all contact'}`
    default:
      return `Event ${type}`
  }
}

/**
 * Groups a case's trace into the steps a person steps through: each node entered, each event from outside, each
 * later moment at a node (a wait that ends, a message held until contact hours), and the end.
 */
export function toRunSteps(
  trace: TraceStep[],
  document: Journey,
  formatTime: (iso: string) => string,
  formatMoney: (amount: number) => string = String,
): RunStep[] {
  const nodes = new Map(document.nodes.map((node) => [node.id, node]))
  const nameOf = (nodeId: string | null) => {
    const node = nodeId ? nodes.get(nodeId) : undefined
    if (!node) return nodeId ?? 'the journey'
    return titleOf(node)
  }
  const steps: RunStep[] = []
  // What each node decided last: the handle of the edge the case then takes.
  const lastOutcome = new Map<string, string>()
  let current: RunStep | undefined
  let at: string | null = null
  let pending: string[] = []

  const start = (step: Omit<RunStep, 'lines' | 'conditions' | 'messages'> & { lines?: string[] }) => {
    current = { conditions: [], messages: [], ...step, lines: [...pending, ...(step.lines ?? [])] }
    pending = []
    steps.push(current)
    return current
  }
  // A later moment at the node the case is at (or another node) opens a step of its own.
  const stepAt = (entry: TraceStep, kind: RunStep['kind'], title: string) =>
    current && current.at === entry.at && (entry.nodeId === null || entry.nodeId === current.nodeId)
      ? current
      : start({ at: entry.at, nodeId: entry.nodeId ?? at, kind, title })

  for (const entry of trace) {
    const detail = entry.detail
    switch (entry.kind) {
      case 'event': {
        // The entry event the simulation sends is the enrolment's cause, not news.
        if (str(detail.id).startsWith('simulation-entry/')) break
        start({ at: entry.at, nodeId: at, kind: 'event', title: describeEvent(str(detail.type), (detail.data as Record<string, unknown>) ?? {}, formatMoney) })
        break
      }
      case 'event-rejected':
        stepAt(entry, 'event', 'Event refused').lines.push(`Refused: ${str(detail.reason)}`)
        break
      case 'enrolled':
        pending.push(`Enrolled on ${str(detail.trigger)}`)
        break
      case 'not-enrolled':
        start({ at: entry.at, nodeId: null, kind: 'not-enrolled', title: 'Not enrolled', lines: [str(detail.reason)] })
        break
      case 'entered': {
        const from = at
        const nodeId = entry.nodeId!
        const candidates = from ? document.edges.filter((edge) => edge.source === from && edge.target === nodeId) : []
        const edge = candidates.find((candidate) => (candidate.sourceHandle ?? null) === (lastOutcome.get(from!) ?? null)) ?? candidates[0]
        at = nodeId
        start({ at: entry.at, nodeId, kind: 'enter', title: nameOf(nodeId), ...(edge ? { edgeId: edge.id } : {}) })
        break
      }
      case 'waiting': {
        const until = formatTime(str(detail.until))
        const node = nodes.get(entry.nodeId ?? '')
        // A wait for a promise or plan that follows one made before it: the runtime names it, and sets no time.
        const following = detail.arrangement ? { kind: detail.kind === 'plan' ? ('plan' as const) : ('promise' as const) } : undefined
        const words = node ? wordsOf(() => nodeKindOf(node.type)?.trace.waiting?.(node.data, until, following)) : undefined
        stepAt(entry, 'wake', nameOf(entry.nodeId)).lines.push(
          words ?? (detail.event ? `Waits for ${str(detail.event)} until ${until} at the latest` : `Waits until ${until}`),
        )
        break
      }
      case 'decided': {
        const nodeId = entry.nodeId!
        const outcome = str(detail.outcome)
        lastOutcome.set(nodeId, outcome)
        const label = str(detail.label) || outcome
        const node = nodes.get(nodeId)
        const kind = node ? nodeKindOf(node.type) : undefined
        const waitLabel = node?.data.label
        // A step that held the case ends its wait; any other decides at once.
        const step = stepAt(entry, 'wake', kind?.holds ? (waitLabel ? `${waitLabel}: wait over` : 'Wait over') : nameOf(nodeId))
        step.lines.push(wordsOf(() => node && kind?.trace.decided?.(node.data, { id: outcome, label })) ?? `Takes “${label}”`)
        const labels = new Map(
          ((nodes.get(nodeId)?.data as { branches?: { id: string; label?: string }[] } | undefined)?.branches ?? []).map((branch) => [
            branch.id,
            branch.label ?? branch.id,
          ]),
        )
        type Tried = { expr: string; outcome?: string; result: boolean; error?: string; values?: Record<string, unknown> }
        for (const condition of (detail.conditions as Tried[] | undefined) ?? []) {
          const seen = describeSeen(condition.values)
          step.conditions.push({
            label: labels.get(condition.outcome ?? '') ?? condition.outcome ?? '',
            expr: condition.expr,
            result: condition.result,
            ...(condition.error ? { error: condition.error } : {}),
            ...(seen ? { seen } : {}),
          })
        }
        break
      }
      case 'message': {
        const channel = str(detail.channel)
        const status = str(detail.status)
        const step = stepAt(entry, 'message', `${nameOf(entry.nodeId)}: ${channelName(channel)}`)
        const message = entry.message
        const base = { channel, template: (detail.template as string | null) ?? null }
        if (status === 'deferred') {
          // Held for a promise or plan, it waits for its end: no time is known.
          const until = str(detail.until)
          step.messages.push({ ...base, status: 'deferred', reason: str(detail.reason), ...(until ? { until } : {}) })
          step.lines.push(`${channelName(channel)} held ${until ? `until ${formatTime(until)}` : 'back'}: ${str(detail.reason)}`)
        } else if (status === 'suppressed') {
          lastOutcome.set(entry.nodeId!, 'failed')
          step.messages.push({ ...base, status: 'suppressed', reason: str(detail.reason) })
          step.lines.push(`${channelName(channel)} not sent: ${str(detail.reason)}`)
        } else {
          lastOutcome.set(entry.nodeId!, 'sent')
          step.messages.push({
            ...base,
            status: status === 'task-created' ? 'task' : 'sent',
            ...(message ? { recipient: message.recipient, locale: message.locale } : {}),
            ...(message?.subject !== undefined ? { subject: message.subject } : {}),
            ...(message?.text !== undefined ? { text: message.text } : {}),
            ...(message?.html !== undefined ? { html: message.html } : {}),
            ...(message?.htmlOmitted ? { htmlOmitted: true } : {}),
          })
          // A postal address is several lines: one line here.
          const recipient = message?.recipient?.replace(/\n+/g, ', ') ?? 'the debtor'
          step.lines.push(status === 'task-created' ? `Call task created: call ${recipient}` : `${channelName(channel)} sent to ${recipient}`)
        }
        break
      }
      case 'action': {
        const set = Object.keys((detail.set as Record<string, unknown>) ?? {})
        const step = stepAt(entry, 'enter', nameOf(entry.nodeId))
        if (set.length) step.lines.push(`Sets ${set.join(', ')}`)
        if (detail.webhook) step.lines.push(`Calls the webhook ${str(detail.webhook)}`)
        for (const [name, error] of Object.entries((detail.errors as Record<string, string>) ?? {})) step.lines.push(`Could not set ${name}: ${error}`)
        break
      }
      case 'paused':
      case 'resumed':
      case 'not-resumed':
        start({
          at: entry.at,
          nodeId: at,
          kind: 'hold',
          title: entry.kind === 'paused' ? `Paused: ${str(detail.reason)}` : entry.kind === 'resumed' ? 'Resumed' : 'Not resumed',
          lines: entry.kind === 'not-resumed' ? [str(detail.reason)] : [],
        })
        break
      case 'stopped':
        start({ at: entry.at, nodeId: at, kind: 'exit', title: 'Stopped', lines: [str(detail.reason)] })
        break
      case 'exited': {
        const outcome = str(detail.outcome)
        const step =
          entry.nodeId === null ? start({ at: entry.at, nodeId: at, kind: 'exit', title: `Goal met: ${outcome}` }) : stepAt(entry, 'exit', nameOf(entry.nodeId))
        step.kind = 'exit'
        step.outcome = outcome
        step.lines.push(detail.reason ? `Ends with “${outcome}”: ${str(detail.reason)}` : `Ends with “${outcome}”`)
        break
      }
      default: {
        // A record of the step's own (an offer made): its kind words it.
        const node = nodes.get(entry.nodeId ?? '')
        const words = node ? wordsOf(() => nodeKindOf(node.type)?.trace.passed?.(node.data)) : undefined
        stepAt(entry, 'enter', nameOf(entry.nodeId)).lines.push(words ?? entry.kind)
      }
    }
  }
  return steps
}

export interface PathHighlight {
  /** Visited nodes; `current` for the node of the step shown. */
  nodes: Record<string, 'visited' | 'current'>
  edges: Record<string, 'taken' | 'current'>
}

/** What the canvas highlights for step `index`: the path up to it, the step's own node and edge emphasised. */
export function highlightAt(steps: RunStep[], index: number): PathHighlight {
  const highlight: PathHighlight = { nodes: {}, edges: {} }
  for (const step of steps.slice(0, index + 1)) {
    if (step.nodeId) highlight.nodes[step.nodeId] = 'visited'
    if (step.edgeId) highlight.edges[step.edgeId] = 'taken'
  }
  const step = steps[index]
  if (step?.nodeId) highlight.nodes[step.nodeId] = 'current'
  if (step?.edgeId) highlight.edges[step.edgeId] = 'current'
  return highlight
}
