import type { z } from 'zod'
import { breather } from '../engine/breathe'
import { MAX_BODY_DEPTH, nestsDeeperThan, textNestsDeeperThan, tooDeepMessage } from '@dunwell/contract'

export interface LineError {
  line: number
  message: string
}

export interface JsonlResult<T> {
  items: { line: number; value: T }[]
  errors: LineError[]
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path.join('.')
      const message = issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is required' : issue.message.replace(/^Invalid input: /, '')
      return field ? `${field} ${message}` : message
    })
    .join('; ')
}

function check<T>(result: JsonlResult<T>, line: number, value: unknown, schema: z.ZodType<T>): void {
  const parsed = schema.safeParse(value)
  if (parsed.success) result.items.push({ line, value: parsed.data })
  else result.errors.push({ line, message: describeIssues(parsed.error.issues) })
}

/** Reads one line into the result: refused with its number and why, or checked against the schema. */
function readLine<T>(result: JsonlResult<T>, raw: string, line: number, schema: z.ZodType<T>): void {
  if (raw.trim() === '') return
  // Checked before parsing: a line nested 10,000 deep is refused alone, and nothing later walks it.
  if (textNestsDeeperThan(raw, MAX_BODY_DEPTH)) {
    result.errors.push({ line, message: `the line ${tooDeepMessage(MAX_BODY_DEPTH)}` })
    return
  }
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch (error) {
    result.errors.push({ line, message: `not valid JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` })
    return
  }
  check(result, line, value, schema)
}

function readItem<T>(result: JsonlResult<T>, value: unknown, index: number, schema: z.ZodType<T>): void {
  if (nestsDeeperThan(value, MAX_BODY_DEPTH)) result.errors.push({ line: index + 1, message: `the item ${tooDeepMessage(MAX_BODY_DEPTH)}` })
  else check(result, index + 1, value, schema)
}

/** One JSON object per line; a bad line is reported with its number and field and does not stop the good ones. */
export function parseJsonl<T>(text: string, schema: z.ZodType<T>): JsonlResult<T> {
  const result: JsonlResult<T> = { items: [], errors: [] }
  text.split(/\r?\n/).forEach((raw, index) => readLine(result, raw, index + 1, schema))
  return result
}

/** The items of a parsed JSON array, checked like lines (line = position, from 1). */
export function parseItems<T>(values: readonly unknown[], schema: z.ZodType<T>): JsonlResult<T> {
  const result: JsonlResult<T> = { items: [], errors: [] }
  values.forEach((value, index) => readItem(result, value, index, schema))
  return result
}

/** `parseJsonl` for a server: a large body is read in slices, and requests are answered between them. */
export async function parseJsonlSliced<T>(text: string, schema: z.ZodType<T>): Promise<JsonlResult<T>> {
  const result: JsonlResult<T> = { items: [], errors: [] }
  const breathe = breather()
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    readLine(result, lines[index]!, index + 1, schema)
    await breathe()
  }
  return result
}

/** `parseItems` for a server, in slices. */
export async function parseItemsSliced<T>(values: readonly unknown[], schema: z.ZodType<T>): Promise<JsonlResult<T>> {
  const result: JsonlResult<T> = { items: [], errors: [] }
  const breathe = breather()
  for (let index = 0; index < values.length; index++) {
    readItem(result, values[index], index, schema)
    await breathe()
  }
  return result
}
