import { journeySchema, type Journey } from './document'
import { isPlainObject } from './is-plain-object'

/**
 * Whether the object at `path` (array indices left out) is a record keyed by ids or locales. Matched on the
 * whole path: a template may itself be called `body` or `set`, and its fields must keep the schema's order.
 */
function isRecordPath(path: string[]): boolean {
  const at = path.join('.')
  return at === 'templates' || at === 'nodes.data.set' || (path.length === 3 && path[0] === 'templates' && (path[2] === 'subject' || path[2] === 'body'))
}

/** Records whose keys are ids or locales: sorted, so that the same content always reads the same. */
function sortRecordKeys(value: unknown, path: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => sortRecordKeys(item, path))
  if (!isPlainObject(value)) return value
  const isRecord = isRecordPath(path)
  const keys = isRecord ? Object.keys(value).sort() : Object.keys(value)
  return Object.fromEntries(keys.map((key) => [key, sortRecordKeys(value[key], [...path, key])]))
}

/**
 * The stable text of a journey: keys in the schema's order (records sorted), two-space indent, final newline.
 * Two versions of a journey diff line by line. Throws a `ZodError` for a document that does not fit the schema.
 */
export function format(document: Journey | unknown): string {
  // Parsing rebuilds every object in the schema's key order.
  const parsed = journeySchema.parse(document)
  return `${JSON.stringify(sortRecordKeys(parsed, []), null, 2)}\n`
}
