import { journeySchema, type Journey } from './document'
import { isPlainObject } from './is-plain-object'

/** Records whose keys are ids or locales: sorted, so that the same content always reads the same. */
function sortRecordKeys(value: unknown, path: string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => sortRecordKeys(item, path))
  if (!isPlainObject(value)) return value
  const isRecord = ['templates', 'subject', 'body', 'set'].includes(path.at(-1) ?? '')
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
