import type { z } from 'zod'
import type { HandleSpec, NodeKind } from '../node-kind'
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

/** Whether a node of this kind holds a case for a while, so a loop through it does not spin. */
export function pauses(type: string): boolean {
  return isNodeType(type) && nodeKinds[type].holds !== null
}

/** A kind seen from code that holds a node of any kind: its functions take the data of whichever kind it is. */
// biome-ignore lint/suspicious/noExplicitAny: the data's type depends on the kind, known only at run time
export type SomeNodeKind = NodeKind<NodeType, z.ZodType<any>>

/** The kind of a node type, or undefined for a type this package does not know. */
export function nodeKindOf(type: string): SomeNodeKind | undefined {
  return isNodeType(type) ? (nodeKinds[type] as unknown as SomeNodeKind) : undefined
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
