import type { ExpressionCheck, SourceRange } from '@dunwell/journey'

export interface OffsetMarker extends SourceRange {
  message: string
}

/** Under its own field, a message need not quote the whole expression again. */
export function withoutSource(message: string, source: string): string {
  return message.replace(`\`${source}\`: `, '')
}

/**
 * The inline error of an expression, as offsets into it: the range the library names, else the whole expression.
 * An empty range (the end of the text, where a token is missing) is widened to the character before it so that
 * there is something to underline.
 */
export function celMarker(source: string, check: ExpressionCheck): OffsetMarker | undefined {
  if (check.ok) return undefined
  let { start, end } = check.range ?? { start: 0, end: source.length }
  if (end <= start) {
    if (start < source.length) end = start + 1
    else {
      start = Math.max(0, source.length - 1)
      end = source.length
    }
  }
  return { start, end, message: withoutSource(check.message, source) }
}
