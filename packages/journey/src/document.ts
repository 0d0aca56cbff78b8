import { z } from 'zod'
import { type position, slug } from './common'
import { nodeKinds } from './nodes'
import { settingsSchema } from './settings'
import { templateSchema } from './template'

export const JOURNEY_FORMAT = 'dunwell/journey@1'

const nodeSchemas = Object.values(nodeKinds).map((kind) => kind.node)

export const nodeSchema = z.discriminatedUnion('type', nodeSchemas as unknown as [(typeof nodeSchemas)[number], ...(typeof nodeSchemas)[number][]])

export const edgeSchema = z
  .object({
    id: slug,
    source: slug,
    /** The source node's outcome; omitted for its single default outcome. */
    sourceHandle: slug.optional(),
    target: slug,
  })
  .strict()

export const journeySchema = z
  .object({
    /**
     * Where an editor finds the JSON Schema to check the file against (e.g. the published journey.schema.json or a
     * relative path to it). Only a hint for editors: kept as written, ignored by the validator and the runtime.
     */
    $schema: z.string().max(2000, 'must be at most 2000 characters').optional(),
    format: z.literal(JOURNEY_FORMAT),
    id: slug,
    name: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    description: z.string().max(5000, 'must be at most 5000 characters').optional(),
    settings: settingsSchema,
    nodes: z.array(nodeSchema).max(5000, 'may have at most 5000 nodes'),
    edges: z.array(edgeSchema).max(20000, 'may have at most 20000 edges'),
    templates: z.record(slug, templateSchema),
  })
  .strict()

type NodeKindMap = typeof nodeKinds

/** A node of one kind, e.g. `JourneyNode<'wait'>`. */
export type JourneyNode<TType extends keyof NodeKindMap = keyof NodeKindMap> = {
  [K in TType]: z.infer<NodeKindMap[K]['node']>
}[TType]
export type JourneyEdge = z.infer<typeof edgeSchema>
export type Journey = z.infer<typeof journeySchema>
export type Position = z.infer<typeof position>
