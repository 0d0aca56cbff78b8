import type { JourneyNode } from '../document'
import { DEFAULT_HANDLE, type HandleId } from '../node-kind'
import type { NodeType } from '../nodes'
import { arrangementEvents, BROKEN_HANDLE, KEPT_HANDLE, NONE_HANDLE } from '../nodes/await-arrangement'
import { FAILED_HANDLE } from '../nodes/channel'
import { ELSE_HANDLE } from '../nodes/segment'
import { EVENT_HANDLE, TIMEOUT_HANDLE } from '../nodes/wait'
import { actionNames, guardNames, journeyEvents, type ActionRef, type StateConfig, type TransitionConfig } from './machine-types'

export interface CompileContext {
  /** The node an outcome of this node leads to; `undefined` for an unconnected optional outcome. */
  target: (handle: HandleId) => string | undefined
}

export type NodeCompiler<TType extends NodeType> = (node: JourneyNode<TType>, context: CompileContext) => StateConfig

function required(context: CompileContext, handle: HandleId): string {
  const target = context.target(handle)
  if (target === undefined) throw new Error(`outcome ${handle ?? 'default'} is not connected`)
  return target
}

function enter(node: JourneyNode): ActionRef {
  return { type: actionNames.enter, params: { nodeId: node.id, type: node.type } }
}

function withoutText<T extends { label?: string; note?: string }>(data: T): Omit<T, 'label' | 'note'> {
  const { label: _label, note: _note, ...rest } = data
  return rest
}

/** A message step waits for the runtime to say it was sent (after any deferral) or could not be. */
function compileChannel(node: JourneyNode<'email' | 'sms' | 'whatsapp' | 'letter' | 'call'>, context: CompileContext): StateConfig {
  const sent = required(context, DEFAULT_HANDLE)
  const failed = context.target(FAILED_HANDLE) ?? sent
  const send: ActionRef =
    node.type === 'call'
      ? {
          type: actionNames.send,
          params: {
            nodeId: node.id,
            channel: 'call',
            queue: node.data.queue,
            ...(node.data.template ? { template: node.data.template } : {}),
            ...(node.data.priority !== undefined ? { priority: node.data.priority } : {}),
          },
        }
      : { type: actionNames.send, params: { nodeId: node.id, channel: node.type, template: node.data.template } }
  return {
    entry: [enter(node), send],
    on: {
      [journeyEvents.sent(node.id)]: [{ target: sent }],
      [journeyEvents.failed(node.id)]: [{ target: failed }],
    },
  }
}

/** One compiler per node kind: a kind without one does not type-check. */
export const nodeCompilers: { [K in NodeType]: NodeCompiler<K> } = {
  entry: (node, context) => ({ entry: [enter(node)], always: [{ target: required(context, DEFAULT_HANDLE) }] }),

  segment: (node, context) => ({
    entry: [enter(node)],
    always: [
      ...node.data.branches.map((branch) => ({
        target: required(context, branch.id),
        guard: { type: guardNames.when, params: { nodeId: node.id, expr: branch.when, outcome: branch.id } },
        actions: [{ type: actionNames.decide, params: { nodeId: node.id, outcome: branch.id, label: branch.label } }],
      })),
      {
        target: required(context, ELSE_HANDLE),
        actions: [{ type: actionNames.decide, params: { nodeId: node.id, outcome: ELSE_HANDLE, label: 'else' } }],
      },
    ] as StateConfig['always'],
  }),

  split: (node, context) => {
    const variants = node.data.variants.map((variant) => ({ id: variant.id, weight: variant.weight, control: variant.control ?? false }))
    return {
      entry: [enter(node)],
      always: node.data.variants.map((variant, position) => ({
        target: required(context, variant.id),
        // The last variant needs no guard: the runtime's assignment always names one of them.
        ...(position < variants.length - 1 ? { guard: { type: guardNames.variant, params: { nodeId: node.id, variant: variant.id, variants } } } : {}),
        actions: [{ type: actionNames.decide, params: { nodeId: node.id, outcome: variant.id, label: variant.label } }],
      })) as StateConfig['always'],
    }
  },

  wait: (node, context) => {
    const data = node.data
    const base = {
      entry: [enter(node), { type: actionNames.schedule, params: { nodeId: node.id, wait: withoutText(data) } }] as ActionRef[],
      exit: [{ type: actionNames.cancel, params: { nodeId: node.id } }] as ActionRef[],
    }
    if (!('event' in data)) {
      return { ...base, on: { [journeyEvents.wake(node.id)]: [{ target: required(context, DEFAULT_HANDLE) }] } }
    }
    return {
      ...base,
      on: {
        [data.event]: [
          {
            target: required(context, EVENT_HANDLE),
            ...(data.when ? { guard: { type: guardNames.when, params: { nodeId: node.id, expr: data.when, outcome: EVENT_HANDLE } } } : {}),
            actions: [{ type: actionNames.decide, params: { nodeId: node.id, outcome: EVENT_HANDLE, label: data.event } }],
          },
        ],
        [journeyEvents.wake(node.id)]: [
          {
            target: required(context, TIMEOUT_HANDLE),
            actions: [{ type: actionNames.decide, params: { nodeId: node.id, outcome: TIMEOUT_HANDLE, label: 'timeout' } }],
          },
        ],
      },
    } as StateConfig
  },

  // Waits for a promise or plan to be made (at most `timeout`), then for it to be kept or broken. A made one stops
  // the timer: a transition to the state itself does not leave it (XState v5), so only the cancel runs.
  'await-arrangement': (node, context) => {
    const outcome = (handle: string, label: string) => [
      { target: required(context, handle), actions: [{ type: actionNames.decide, params: { nodeId: node.id, outcome: handle, label } }] },
    ]
    const cancel: TransitionConfig[] = [{ target: node.id, actions: [{ type: actionNames.cancel, params: { nodeId: node.id } }] }]
    return {
      entry: [enter(node), { type: actionNames.schedule, params: { nodeId: node.id, wait: { for: node.data.timeout } } }],
      exit: [{ type: actionNames.cancel, params: { nodeId: node.id } }],
      on: {
        ...Object.fromEntries(arrangementEvents.made.map((event) => [event, cancel])),
        ...Object.fromEntries(arrangementEvents.kept.map((event) => [event, outcome(KEPT_HANDLE, event)])),
        ...Object.fromEntries(arrangementEvents.broken.map((event) => [event, outcome(BROKEN_HANDLE, event)])),
        [journeyEvents.wake(node.id)]: outcome(NONE_HANDLE, 'none made'),
      },
    } as StateConfig
  },

  email: compileChannel,
  sms: compileChannel,
  whatsapp: compileChannel,
  letter: compileChannel,
  call: compileChannel,

  // The runtime performs the action, then says so: the nodes after it already see what it changed.
  action: (node, context) => ({
    entry: [enter(node), { type: actionNames.act, params: { nodeId: node.id, ...withoutText(node.data) } }],
    on: { [journeyEvents.done(node.id)]: [{ target: required(context, DEFAULT_HANDLE) }] },
  }),

  // The runtime stores the offer (the portal reads it; messages after it link to it), then says so.
  offer: (node, context) => ({
    entry: [enter(node), { type: actionNames.offer, params: { nodeId: node.id, offer: withoutText(node.data) } }],
    on: { [journeyEvents.done(node.id)]: [{ target: required(context, DEFAULT_HANDLE) }] },
  }),

  exit: (node) => ({
    type: 'final',
    entry: [enter(node), { type: actionNames.exit, params: { nodeId: node.id, outcome: node.data.outcome } }],
  }),
}
