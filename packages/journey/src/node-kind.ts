import { z } from 'zod'
import { position, slug } from './common'

/** The id of a node's single default outcome: an edge without `sourceHandle`. */
export const DEFAULT_HANDLE = null

export type HandleId = string | typeof DEFAULT_HANDLE

export interface HandleSpec {
  /** `null` is the node's default outcome (an edge without `sourceHandle`). */
  id: HandleId
  label: string
  /** An optional outcome may stay unconnected; the runtime then takes the default one. */
  optional?: boolean
}

export interface NodeKindDefinition<TType extends string, TData extends z.ZodType> {
  type: TType
  title: string
  /** A name from the editor's icon set. */
  icon: string
  /** One line for the palette. */
  help: string
  /** What the canvas shows at a glance, e.g. "3 business days". */
  summary: (data: z.infer<TData>) => string
  data: TData
  defaults: z.infer<TData>
  /** The node's outcomes, in the order the canvas shows them. */
  handles: (data: z.infer<TData>) => HandleSpec[]
}

export interface NodeKind<TType extends string = string, TData extends z.ZodType = z.ZodType> extends NodeKindDefinition<TType, TData> {
  /** The whole node: envelope plus this kind's data. */
  node: z.ZodObject<{
    id: typeof slug
    type: z.ZodLiteral<TType>
    position: typeof position
    data: TData
  }>
}

export function defineNodeKind<TType extends string, TData extends z.ZodType>(definition: NodeKindDefinition<TType, TData>): NodeKind<TType, TData> {
  const node = z.object({ id: slug, type: z.literal(definition.type), position, data: definition.data }).strict()
  return { ...definition, node }
}
