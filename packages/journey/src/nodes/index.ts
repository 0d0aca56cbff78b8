/**
 * The registry of node kinds: the one list every layer reads its kinds from.
 *
 * A node kind is one definition (`defineNodeKind`) the type checker holds every layer to. Its file carries what is
 * not the editor's own: schema, defaults, outcomes, title, help, icon (`NodeIcon`), tone, summary, how long it may
 * hold a case (`holds`: sizes a test run, breaks a loop), diff words, test-run words and its validator checks.
 * Adding a kind takes these files, and the type check fails until each is done:
 *   1. `nodes/<kind>.ts`: the definition (a missing property is a type error);
 *   2. `nodes/index.ts`: the kind in `nodeKinds` below;
 *   3. `compile/node-compilers.ts`: its compiler (`{ [K in NodeType]: NodeCompiler<K> }`);
 *   4. `testing/arbitrary-node-drafts.ts`: random data for property tests (keyed by every kind but the entry);
 *   5. `editor/src/inspector/field-layout.ts`: its form's order, labels, help and widgets, and their German words
 *      (two tables keyed by every `NodeType`);
 *   6. `journey.schema.json` and the client's OpenAPI types, regenerated (`pnpm generate`, `pnpm --filter
 *      @dunwell/client generate`; tests fail while they are stale).
 * A new icon adds its name to `nodeIcons` (node-kind.ts) and its drawing to `editor/src/ui/Icon.tsx` (typed over
 * that list); a kind that compiles to a new machine action adds it to `compile/machine-types.ts` and the runtime's
 * handler. Everything else (palette, canvas tone and summary, inspector, validator, loops, diff, test run, JSON
 * Schema test, form tests, palette e2e test) reads the kind from here. Checked by adding a dummy kind: the type
 * errors named exactly files 1, 3, 4 and 5 (and Icon.tsx for a new icon).
 */
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
