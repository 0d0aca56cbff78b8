import type { HandleSpec } from '../node-kind'
import { action } from './action'
import { awaitArrangement } from './await-arrangement'
import { call } from './call'
import { email } from './email'
import { entry } from './entry'
import { exit } from './exit'
import { letter } from './letter'
import { offer } from './offer'
import { segment } from './segment'
import { sms } from './sms'
import { split } from './split'
import { wait } from './wait'
import { whatsapp } from './whatsapp'

/** Every node kind, in palette order. */
export const nodeKinds = {
  entry,
  segment,
  split,
  wait,
  offer,
  'await-arrangement': awaitArrangement,
  email,
  sms,
  whatsapp,
  letter,
  call,
  action,
  exit,
} as const

export type NodeKinds = typeof nodeKinds
export type NodeType = keyof NodeKinds
export const nodeTypes = Object.keys(nodeKinds) as NodeType[]

/** Kinds that hold a case for a while (a loop through one of them does not spin). */
const pausingTypes: ReadonlySet<NodeType> = new Set<NodeType>(['wait', 'await-arrangement'])

/** Whether a node of this kind holds a case for a while, so a loop through it does not spin. */
export function pauses(type: string): boolean {
  return pausingTypes.has(type as NodeType)
}

export function isNodeType(type: unknown): type is NodeType {
  return typeof type === 'string' && Object.hasOwn(nodeKinds, type)
}

/**
 * A node's outcomes, in the order the canvas shows them: the one definition the validator, the editor's canvas and
 * its edits share. Undefined for a kind this package does not know or data too broken to read.
 */
export function outcomesOf(node: { type: string; data: unknown }): HandleSpec[] | undefined {
  if (!isNodeType(node.type)) return undefined
  try {
    return (nodeKinds[node.type].handles as (data: unknown) => HandleSpec[])(node.data)
  } catch {
    return undefined
  }
}
