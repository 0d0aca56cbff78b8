export interface TextEdit {
  /** Offsets into the old text; `end` is exclusive. */
  start: number
  end: number
  text: string
}

/**
 * The one replacement that turns `before` into `after`, leaving their common start and end alone: applied to an
 * editor, the cursor and the scroll position outside the changed part stay where they were.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined
  let start = 0
  const shortest = Math.min(before.length, after.length)
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let tail = 0
  while (tail < shortest - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) }
}
