import type { z } from 'zod'

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

/** One JSON object per line; a bad line is reported with its number and field and does not stop the good ones. */
export function parseJsonl<T>(text: string, schema: z.ZodType<T>): JsonlResult<T> {
  const result: JsonlResult<T> = { items: [], errors: [] }
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    if (raw.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (error) {
      result.errors.push({ line, message: `not valid JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` })
      return
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) result.items.push({ line, value: parsed.data })
    else result.errors.push({ line, message: describeIssues(parsed.error.issues) })
  })
  return result
}
