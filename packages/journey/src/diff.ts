import type { Journey, JourneyEdge, JourneyNode } from './document'
import { describeDuration, durationParts } from './duration'
import { isPlainObject } from './is-plain-object'
import { nodeKindOf } from './nodes'
import type { Settings } from './settings'
import type { Template } from './template'

export type JourneyChangeKind = 'added' | 'removed' | 'changed'
export type JourneyChangeSubject = 'journey' | 'settings' | 'node' | 'edge' | 'template'

/** One difference between two versions of a journey, in a reviewer's words. */
export interface JourneyChange {
  kind: JourneyChangeKind
  subject: JourneyChangeSubject
  /** The node, template or setting changed; for an edge, `source>target`. */
  id: string
  /** The node to show on the canvas: the node itself, or an edge's source (absent when it exists only before). */
  nodeId?: string
  /** The fields that differ, in the document's words (`template`, `body.de`, `position`). */
  fields: string[]
  /** E.g. `Email ‘Friendly reminder’: template changed`. */
  message: string
}

/**
 * What changed from `before` to `after`: the journey's name and description, each setting, each node (by id), each
 * connection (by source, outcome and target, so that a new edge id alone is no change) and each template. Pure.
 */
export function diffJourneys(before: Journey, after: Journey): JourneyChange[] {
  return [
    ...diffJourney(before, after),
    ...diffSettings(before, after),
    ...diffNodes(before, after),
    ...diffEdges(before, after),
    ...diffTemplates(before, after),
  ]
}

function diffJourney(before: Journey, after: Journey): JourneyChange[] {
  const changes: JourneyChange[] = []
  if (before.id !== after.id)
    changes.push({ kind: 'changed', subject: 'journey', id: 'id', fields: ['id'], message: `Journey id changed from ‘${before.id}’ to ‘${after.id}’` })
  if (before.name !== after.name)
    changes.push({ kind: 'changed', subject: 'journey', id: 'name', fields: ['name'], message: `Renamed from ‘${before.name}’ to ‘${after.name}’` })
  if (!same(before.description, after.description))
    changes.push({ kind: 'changed', subject: 'journey', id: 'description', fields: ['description'], message: 'Description changed' })
  return changes
}

/** Every setting's name in a change's words: a new setting without one fails to type-check. */
const settingNames: Record<keyof Settings, string> = {
  locales: 'locales',
  defaultLocale: 'default locale',
  goal: 'goal',
  contactHours: 'contact hours',
  priority: 'priority',
  stopOn: 'stop rules',
  promises: 'promises and plans',
}

function diffSettings(before: Journey, after: Journey): JourneyChange[] {
  return changedKeys(before.settings, after.settings).map((key) => {
    const had = key in before.settings
    const has = key in after.settings
    const kind: JourneyChangeKind = had && has ? 'changed' : has ? 'added' : 'removed'
    const name = (settingNames as Record<string, string>)[key] ?? key
    const message = kind === 'changed' ? `Settings: ${name} changed` : kind === 'added' ? `Settings: ${name} set` : `Settings: ${name} removed`
    return { kind, subject: 'settings', id: key, fields: [key], message }
  })
}

/** A step that was only dragged elsewhere on the canvas: no case walks differently. */
export function isMoveOnly(change: JourneyChange): boolean {
  return change.subject === 'node' && change.kind === 'changed' && change.fields.length === 1 && change.fields[0] === 'position'
}

/** `Email ‘Friendly reminder’`, or the node's id when it has no label. */
export function describeNode(node: JourneyNode): string {
  const title = nodeKindOf(node.type)?.title ?? node.type
  // Also used on unfinished documents (an import's report), whose data may be missing.
  const data: unknown = node.data
  const label = isPlainObject(data) && typeof data.label === 'string' && data.label ? data.label : node.id
  return `${title} ‘${label}’`
}

function diffNodes(before: Journey, after: Journey): JourneyChange[] {
  const old = new Map(before.nodes.map((node) => [node.id, node]))
  const now = new Map(after.nodes.map((node) => [node.id, node]))
  const changes: JourneyChange[] = []
  for (const node of after.nodes) {
    const was = old.get(node.id)
    if (!was) {
      changes.push({ kind: 'added', subject: 'node', id: node.id, nodeId: node.id, fields: [], message: `Added step ${describeNode(node)}` })
      continue
    }
    const fields = was.type !== node.type ? ['type'] : changedKeys(was.data, node.data)
    const moved = !same(was.position, node.position)
    if (fields.length === 0 && !moved) continue
    const all = moved ? [...fields, 'position'] : fields
    const dataBefore = was.data as Record<string, unknown>
    const dataAfter = node.data as Record<string, unknown>
    const diffWords = (nodeKindOf(node.type)?.diff ?? { fields: {} }) as Words
    const words =
      was.type !== node.type
        ? `was ${describeNode(was)}`
        : fields.length === 0
          ? 'moved on the canvas'
          : `${fields.flatMap((field) => describeField(diffWords, field, dataBefore[field], dataAfter[field])).join(', ')}${moved ? ', moved' : ''}`
    changes.push({ kind: 'changed', subject: 'node', id: node.id, nodeId: node.id, fields: all, message: `${describeNode(node)}: ${words}` })
  }
  for (const node of before.nodes) {
    if (!now.has(node.id)) changes.push({ kind: 'removed', subject: 'node', id: node.id, fields: [], message: `Removed step ${describeNode(node)}` })
  }
  return changes
}

/** A kind's diff words, read by any key (each kind's definition types its own). */
type Words = { fields: Partial<Record<string, string>>; items?: Partial<Record<string, string>> }

type Item = Record<string, unknown> & { id: string }
const isItemList = (value: unknown): value is Item[] => Array.isArray(value) && value.every((item) => isPlainObject(item) && typeof item.id === 'string')
const itemLabel = (item: Item) => `‘${typeof item.label === 'string' && item.label ? item.label : item.id}’`

/**
 * `template changed`; for a group of fields (an offer's plan): `instalment plan: most instalments changed from ‘6’
 * to ‘12’`, `instalment plan added`; for branches and variants: `branch ‘Young’: condition changed`, `added variant ‘C’`.
 */
function describeField(words: Words, field: string, before: unknown, after: unknown): string[] {
  const fieldName = (key: string) => words.fields[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  if (before === undefined && isPlainObject(after)) return [`${fieldName(field)} added`]
  if (isPlainObject(before) && after === undefined) return [`${fieldName(field)} removed`]
  if (isPlainObject(before) && isPlainObject(after)) {
    const inner = changedKeys(before, after).map((key) => `${words.fields[`${field}.${key}`] ?? fieldName(key)} changed${fromTo(before[key], after[key])}`)
    return [`${fieldName(field)}: ${inner.join(', ')}`]
  }
  const item = words.items?.[field]
  if (!item || !isItemList(before) || !isItemList(after)) return [`${fieldName(field)} changed${fromTo(before, after)}`]
  const old = new Map(before.map((entry) => [entry.id, entry]))
  const now = new Map(after.map((entry) => [entry.id, entry]))
  const phrases = [
    ...after.filter((entry) => !old.has(entry.id)).map((entry) => `added ${item} ${itemLabel(entry)}`),
    ...before.filter((entry) => !now.has(entry.id)).map((entry) => `removed ${item} ${itemLabel(entry)}`),
    ...after.flatMap((entry) => {
      const was = old.get(entry.id)
      const keys = was ? changedKeys(was, entry) : []
      return keys.length > 0 ? [`${item} ${itemLabel(entry)}: ${keys.map(fieldName).join(', ')} changed`] : []
    }),
  ]
  const kept = after.filter((entry) => old.has(entry.id)).map((entry) => entry.id)
  const keptBefore = before.filter((entry) => now.has(entry.id)).map((entry) => entry.id)
  if (!same(kept, keptBefore)) phrases.push(`${field} reordered`)
  return phrases.length > 0 ? phrases : [`${fieldName(field)} changed`]
}

/** ` from ‘3 days’ to ‘5 days’` when both values are short enough to read in a line; nothing otherwise. */
function fromTo(before: unknown, after: unknown): string {
  // An ISO duration reads as words: ‘3 days’, not ‘P3D’.
  const one = (value: unknown) =>
    typeof value === 'string' && durationParts(value)
      ? describeDuration(value)
      : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined
  // A list of plain values (a wait's days, an offer's intervals) reads as the values.
  const shown = (value: unknown) => {
    if (!Array.isArray(value)) return one(value)
    const values = value.map(one)
    return values.every((text) => text !== undefined) ? values.join(', ') : undefined
  }
  const a = shown(before)
  const b = shown(after)
  return a !== undefined && b !== undefined && a.length <= 60 && b.length <= 60 ? ` from ‘${a}’ to ‘${b}’` : ''
}

const connectionKey = (edge: JourneyEdge) => `${edge.source}\u0000${edge.sourceHandle ?? ''}\u0000${edge.target}`

function diffEdges(before: Journey, after: Journey): JourneyChange[] {
  const nodeIn = (document: Journey) => new Map(document.nodes.map((node) => [node.id, node]))
  const oldNodes = nodeIn(before)
  const newNodes = nodeIn(after)
  const name = (id: string, nodes: Map<string, JourneyNode>) => {
    const node = nodes.get(id)
    return node ? describeNode(node) : `‘${id}’`
  }
  const describe = (edge: JourneyEdge, nodes: Map<string, JourneyNode>) =>
    `${name(edge.source, nodes)}${edge.sourceHandle ? ` (${edge.sourceHandle})` : ''} → ${name(edge.target, nodes)}`
  const old = new Set(before.edges.map(connectionKey))
  const now = new Set(after.edges.map(connectionKey))
  const change = (kind: 'added' | 'removed', edge: JourneyEdge, nodes: Map<string, JourneyNode>): JourneyChange => ({
    kind,
    subject: 'edge',
    id: `${edge.source}>${edge.target}`,
    ...(newNodes.has(edge.source) ? { nodeId: edge.source } : {}),
    fields: [],
    message: `${kind === 'added' ? 'Connected' : 'Disconnected'} ${describe(edge, nodes)}`,
  })
  return [
    ...after.edges.filter((edge) => !old.has(connectionKey(edge))).map((edge) => change('added', edge, newNodes)),
    ...before.edges.filter((edge) => !now.has(connectionKey(edge))).map((edge) => change('removed', edge, oldNodes)),
  ]
}

function describeTemplate(id: string, template: Template): string {
  return `template ‘${template.name || id}’`
}

function diffTemplates(before: Journey, after: Journey): JourneyChange[] {
  const changes: JourneyChange[] = []
  for (const [id, template] of Object.entries(after.templates)) {
    const was = before.templates[id]
    if (!was) {
      changes.push({ kind: 'added', subject: 'template', id, fields: [], message: `Added ${describeTemplate(id, template)} (${template.channel})` })
      continue
    }
    const fields = changedKeys(was, template).flatMap((key) => {
      const a = was[key as keyof Template]
      const b = template[key as keyof Template]
      // Texts per locale: say which translation changed.
      return isPlainObject(a) && isPlainObject(b) ? changedKeys(a, b).map((locale) => `${key}.${locale}`) : [key]
    })
    if (fields.length > 0)
      changes.push({
        kind: 'changed',
        subject: 'template',
        id,
        fields,
        message: `T${describeTemplate(id, template).slice(1)}: ${fields.map(templateField).join(', ')} changed`,
      })
  }
  for (const [id, template] of Object.entries(before.templates)) {
    if (!(id in after.templates)) changes.push({ kind: 'removed', subject: 'template', id, fields: [], message: `Removed ${describeTemplate(id, template)}` })
  }
  return changes
}

/** `body.de` → `body (de)` */
function templateField(field: string): string {
  const [key, locale] = field.split('.')
  return locale ? `${key} (${locale})` : field
}

/** The keys whose values differ, in the order they appear (after's first). */
function changedKeys(a: object, b: object): string[] {
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = [...new Set([...Object.keys(right), ...Object.keys(left)])]
  return keys.filter((key) => !same(left[key], right[key]))
}

/** Deep equality of JSON values, whatever the order of the keys. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => same(item, b[index]))
  if (!isPlainObject(a) || !isPlainObject(b)) return false
  return changedKeys(a, b).length === 0
}
