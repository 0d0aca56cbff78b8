import { eventType, expression, isoDuration, knownEventTypes, nodeBase, nodeKinds, slug, timeOfDay, type NodeType } from '@dunwell/journey'
import { fieldLayouts, type FieldLayout } from './field-layout'

/**
 * The inspector's form, read from the node kind's zod schema: field names, types, enums and bounds come from the
 * schema; only order, labels and widgets come from the small layout map. The editor does not depend on zod, so
 * the schema is read through the few members zod 4 exposes (`def`, `shape`, `options`, `element`, `unwrap`).
 */
interface SchemaNode {
  def: {
    type: string
    checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[]
    discriminator?: string
    keyType?: SchemaNode
    valueType?: SchemaNode
    values?: unknown[]
  }
  shape?: Record<string, SchemaNode>
  options?: readonly unknown[]
  element?: SchemaNode
  unwrap?: () => SchemaNode
  minValue?: number | null
  maxValue?: number | null
  isInt?: boolean
}

/** What a text field holds, when the schema says more than "a string". */
export type TextFormat = 'condition' | 'expression' | 'duration' | 'time' | 'event' | 'slug' | 'template' | 'multiline'

export type FieldType =
  /** `businessDays` names a sibling flag that makes a duration count business days (a wait's `for`). */
  | { kind: 'text'; format?: TextFormat; suggestions?: readonly string[]; businessDays?: string }
  | { kind: 'number'; min?: number; max?: number; integer: boolean }
  | { kind: 'boolean' }
  /** `labels`: words for the values, where the layout has them (`P1M` reads "Monthly"). */
  | { kind: 'enum'; options: string[]; labels?: Record<string, string> }
  | { kind: 'list'; item: FieldType; min?: number; max?: number }
  | { kind: 'record'; value: FieldType }
  | { kind: 'object'; fields: Field[] }
  /** One of several object shapes, told apart by `discriminator` (an action's offer). */
  | { kind: 'variants'; discriminator: string; options: { name: string; fields: Field[] }[] }

export interface Field {
  key: string
  label: string
  optional: boolean
  type: FieldType
  help?: string
  /** Shown and edited by another field's control (a duration's business-days flag), not on its own. */
  folded?: boolean
}

/** A form for one shape of a kind's data; a wait has one per mode (for, until, event). */
export interface FormMode {
  /** The field whose presence tells the mode, e.g. `for`; empty for kinds with one shape. */
  name: string
  label: string
  fields: Field[]
}

export interface FormModel {
  type: NodeType
  modes: FormMode[]
}

const baseKeys = new Set(Object.keys(nodeBase))

const asNode = (schema: unknown) => schema as SchemaNode

function unwrapOptional(schema: SchemaNode): { schema: SchemaNode; optional: boolean } {
  let optional = false
  let current = schema
  while ((current.def.type === 'optional' || current.def.type === 'default') && current.unwrap) {
    optional = true
    current = current.unwrap()
  }
  return { schema: current, optional }
}

function lengthBounds(schema: SchemaNode): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {}
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def
    if (def.check === 'min_length' && def.minimum !== undefined) bounds.min = def.minimum
    if (def.check === 'max_length' && def.maximum !== undefined) bounds.max = def.maximum
  }
  return bounds
}

function textFormat(schema: SchemaNode): TextFormat | undefined {
  if (schema === asNode(expression)) return 'expression'
  if (schema === asNode(isoDuration)) return 'duration'
  if (schema === asNode(timeOfDay)) return 'time'
  if (schema === asNode(eventType)) return 'event'
  if (schema === asNode(slug)) return 'slug'
  return undefined
}

/** The field type of one schema node; `layout` may refine it (a condition, a template picker). */
export function describeSchema(schema: SchemaNode, layout: FieldLayout = {}, path = ''): FieldType {
  switch (schema.def.type) {
    case 'string': {
      const format = layout.widgets?.[path] ?? textFormat(schema)
      // Every event field offers the event types Dunwell knows; a typo there would enrol or wake nobody.
      const suggestions = layout.suggestions?.[path] ?? (format === 'event' ? knownEventTypes : undefined)
      const businessDays = layout.businessDays?.[path]
      return { kind: 'text', ...(format ? { format } : {}), ...(suggestions ? { suggestions } : {}), ...(businessDays ? { businessDays } : {}) }
    }
    case 'number':
      return {
        kind: 'number',
        integer: schema.isInt === true,
        ...(typeof schema.minValue === 'number' && Number.isFinite(schema.minValue) ? { min: schema.minValue } : {}),
        ...(typeof schema.maxValue === 'number' && Number.isFinite(schema.maxValue) ? { max: schema.maxValue } : {}),
      }
    case 'boolean':
      return { kind: 'boolean' }
    case 'enum': {
      const labels = layout.options?.[path]
      return { kind: 'enum', options: (schema.options ?? []).map(String), ...(labels ? { labels } : {}) }
    }
    case 'literal':
      return { kind: 'enum', options: (schema.def.values ?? []).map(String) }
    case 'array':
      return { kind: 'list', item: describeSchema(schema.element!, layout, `${path}[]`), ...lengthBounds(schema) }
    case 'record':
      return { kind: 'record', value: describeSchema(schema.def.valueType!, layout, `${path}{}`) }
    case 'object':
      return { kind: 'object', fields: describeFields(schema, layout, path) }
    case 'union': {
      const discriminator = schema.def.discriminator
      if (!discriminator) throw new Error(`the inspector cannot show a union without a discriminator at ${path || 'data'}`)
      return {
        kind: 'variants',
        discriminator,
        options: (schema.options ?? []).map((option) => {
          const shape = asNode(option)
          const literal = shape.shape?.[discriminator]?.def.values?.[0]
          return { name: String(literal), fields: describeFields(shape, layout, path).filter((field) => field.key !== discriminator) }
        }),
      }
    }
    default:
      throw new Error(`the inspector cannot show a ${schema.def.type} field at ${path || 'data'}`)
  }
}

/** The fields of an object schema, in the layout's order (unlisted ones after), each labelled. */
function describeFields(schema: SchemaNode, layout: FieldLayout, prefix: string): Field[] {
  const shape = schema.shape ?? {}
  const keys = Object.keys(shape)
  const order = layout.order ?? []
  const rank = (key: string) => {
    const at = order.indexOf(prefix ? `${prefix}.${key}` : key)
    return at === -1 ? order.length : at
  }
  return keys
    .map((key, index) => ({ key, index }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.index - b.index)
    .map(({ key }) => {
      const path = prefix ? `${prefix}.${key}` : key
      const { schema: inner, optional } = unwrapOptional(shape[key]!)
      const help = layout.help?.[path]
      const folded = Object.values(layout.businessDays ?? {}).includes(path)
      return {
        key,
        label: layout.labels?.[path] ?? humanize(key),
        optional,
        type: describeSchema(inner, layout, path),
        ...(help ? { help } : {}),
        ...(folded ? { folded } : {}),
      }
    })
}

/** `businessDays` → `Business days`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const cache = new Map<NodeType, FormModel>()

/** The inspector form of a node kind. */
export function formModel(type: NodeType): FormModel {
  const cached = cache.get(type)
  if (cached) return cached
  const layout = fieldLayouts[type]
  const schema = asNode(nodeKinds[type].data)
  const modes: FormMode[] =
    schema.def.type === 'union'
      ? (schema.options ?? []).map((option) => {
          const fields = describeFields(asNode(option), layout, '')
          const name = fields.find((field) => !baseKeys.has(field.key))?.key ?? ''
          return { name, label: layout.modes?.[name] ?? humanize(name), fields }
        })
      : [{ name: '', label: '', fields: describeFields(schema, layout, '') }]
  const model = { type, modes }
  cache.set(type, model)
  return model
}

/** The mode a node's data is in: the first mode whose telling field it has. */
export function modeOf(model: FormModel, data: object): FormMode {
  return model.modes.find((mode) => mode.name && mode.name in data) ?? model.modes[0]!
}

/** Label and note come first on every node; the kind's own fields follow. */
export function isBaseField(field: Field): boolean {
  return baseKeys.has(field.key)
}
