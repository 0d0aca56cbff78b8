import { action } from './action'
import { call } from './call'
import { email } from './email'
import { entry } from './entry'
import { exit } from './exit'
import { letter } from './letter'
import { segment } from './segment'
import { sms } from './sms'
import { split } from './split'
import { wait } from './wait'
import { whatsapp } from './whatsapp'

/** Every node kind, in palette order. */
export const nodeKinds = { entry, segment, split, wait, email, sms, whatsapp, letter, call, action, exit } as const

export type NodeKinds = typeof nodeKinds
export type NodeType = keyof NodeKinds
export const nodeTypes = Object.keys(nodeKinds) as NodeType[]

export function isNodeType(type: unknown): type is NodeType {
  return typeof type === 'string' && Object.hasOwn(nodeKinds, type)
}
