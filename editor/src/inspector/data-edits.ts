import { nodeKinds, type JourneyNode } from '@dunwell/journey'
import { produce } from 'immer'
import type { Change } from '../store'
import { fieldLayouts } from './field-layout'
import { formModel, modeOf, type FieldType } from './form-model'

/**
 * Pure edits of a node's data, each returning the new data; the inspector turns the result into one
 * `update-node-data` change. Paths are relative to the data: `['branches', 0, 'when']`.
 */
export type DataPath = (string | number)[]

type Data = JourneyNode['data']
type Container = Record<string | number, unknown>

function parentOf(draft: unknown, path: DataPath): Container | undefined {
  let value = draft
  for (let at = 0; at < path.length - 1; at++) {
    const part = path[at]!
    if (value === null || typeof value !== 'object') return undefined
    const next = (value as Container)[part]
    // Missing objects on the way (an optional webhook) are created.
    if (next === undefined || next === null) (value as Container)[part] = typeof path[at + 1] === 'number' ? [] : {}
    value = (value as Container)[part]
  }
  return value !== null && typeof value === 'object' ? (value as Container) : undefined
}

/** The value at a path, or undefined. */
export function getAt(data: unknown, path: DataPath): unknown {
  let value = data
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Container)[part]
  }
  return value
}

/** Sets a value; `undefined` removes an object's key (an optional field left empty). */
export function setAt<T extends object>(data: T, path: DataPath, value: unknown): T {
  return produce(data, (draft) => {
    const parent = parentOf(draft, path)
    const key = path.at(-1)
    if (!parent || key === undefined) return
    if (value === undefined && !Array.isArray(parent)) delete parent[key]
    else parent[key] = value
  })
}

export function insertItem<T extends object>(data: T, listPath: DataPath, item: unknown): T {
  const list = (getAt(data, listPath) as unknown[] | undefined) ?? []
  return setAt(data, listPath, [...list, item])
}

export function removeItem<T extends object>(data: T, listPath: DataPath, index: number): T {
  const list = (getAt(data, listPath) as unknown[] | undefined) ?? []
  return setAt(
    data,
    listPath,
    list.filter((_, at) => at !== index),
  )
}

/** Moves an item to another place in its list (the order of a segment's branches is their priority). */
export function moveItem<T extends object>(data: T, listPath: DataPath, from: number, to: number): T {
  const list = [...((getAt(data, listPath) as unknown[] | undefined) ?? [])]
  if (to < 0 || to >= list.length || from === to) return data
  const [item] = list.splice(from, 1)
  list.splice(to, 0, item)
  return setAt(data, listPath, list)
}

/** Renames a record's key in place, keeping the order of the others. */
export function renameKey<T extends object>(data: T, recordPath: DataPath, from: string, to: string): T {
  const record = (getAt(data, recordPath) as Record<string, unknown> | undefined) ?? {}
  if (from === to || Object.hasOwn(record, to)) return data
  const next = Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]))
  return setAt(data, recordPath, next)
}

/** A starting value for a required field of a new item. */
export function emptyValue(type: FieldType): unknown {
  switch (type.kind) {
    case 'text':
      return ''
    case 'number':
      return type.min ?? 0
    case 'boolean':
      return false
    case 'enum':
      return type.options[0]
    case 'list':
      return []
    case 'record':
      return {}
    case 'object':
      return Object.fromEntries(type.fields.filter((field) => !field.optional).map((field) => [field.key, emptyValue(field.type)]))
    case 'variants':
      return { [type.discriminator]: type.options[0]?.name, ...(emptyValue({ kind: 'object', fields: type.options[0]?.fields ?? [] }) as object) }
  }
}

/** A new item for a list of objects: required fields filled, a fresh `id` and a matching `label`. */
export function newListItem(type: FieldType, existing: unknown[], idStem = 'item'): unknown {
  const item = emptyValue(type)
  if (type.kind !== 'object' || !item || typeof item !== 'object') return item
  const taken = new Set(existing.map((other) => (other as { id?: unknown }).id))
  let n = existing.length + 1
  while (taken.has(`${idStem}-${n}`)) n++
  const fields = new Set(type.fields.map((field) => field.key))
  return {
    ...item,
    ...(fields.has('id') ? { id: `${idStem}-${n}` } : {}),
    ...(fields.has('label') ? { label: `${idStem.charAt(0).toUpperCase()}${idStem.slice(1)} ${n}` } : {}),
  }
}

/** A wait's data in another mode: label and note stay, the mode's own fields start from its defaults. */
export function switchMode(node: Pick<JourneyNode, 'type' | 'data'>, modeName: string): Data {
  const model = formModel(node.type)
  const current = modeOf(model, node.data)
  const target = model.modes.find((mode) => mode.name === modeName)
  if (!target || target === current) return node.data
  // What both modes have (label and note; an entry's filter and re-entry rules) stays.
  const kept = Object.fromEntries(Object.entries(node.data).filter(([key]) => target.fields.some((field) => field.key === key)))
  const kindDefaults = nodeKinds[node.type].defaults as object
  const defaults = modeName in kindDefaults ? kindDefaults : (fieldLayouts[node.type].modeDefaults?.[modeName] ?? {})
  const required = emptyValue({ kind: 'object', fields: target.fields }) as object
  return { ...required, ...defaults, ...kept } as Data
}

/**
 * The change that stores new data for a node. `edit` names one editing gesture (a text field's focus): changes
 * with the same name become one undo step.
 */
export function nodeDataChange(id: string, data: Data, edit?: string): Change {
  return { type: 'update-node-data', id, data, ...(edit ? { edit } : {}) }
}
