/** How deep the free parts of an input (event data, attributes) may nest: far beyond what a sender needs. */
export const MAX_DATA_DEPTH = 32
/** How deep a whole JSON body may nest: the free parts and the envelope around them. */
export const MAX_BODY_DEPTH = 64

/** Whether a parsed value nests deeper than `limit` arrays and objects (iteratively: a deep value cannot overflow the stack). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (item === null || typeof item !== 'object') continue
    if (depth + 1 > limit) return true
    for (const child of Array.isArray(item) ? item : Object.values(item)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
  }
  return false
}

/** The same for JSON text, before it is parsed: brackets outside strings. */
export function textNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (char === 0x5c)
        i++ // a backslash escapes the next character
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > limit) return true
    } else if (char === 0x7d || char === 0x5d) depth--
  }
  return false
}

export const tooDeepMessage = (limit: number) => `is nested more than ${limit} levels deep`
