/** A value of a person's data and the name of the field it came from (`debtor.lastName`). */
export interface NamedValue {
  name: string
  value: string
}

/** Shorter values (a country code, `en`) identify no one and would redact ordinary words. */
const MIN_LENGTH = 3
const MAX_VALUES = 2000

/**
 * Every text in a value, with its field's path: what a message or error must never
 * quote. Walks iteratively, so a deeply nested attribute cannot overflow the stack.
 */
export function namedValues(root: unknown, prefix: string): NamedValue[] {
  const found: NamedValue[] = []
  const stack: [string, unknown][] = [[prefix, root]]
  while (stack.length > 0 && found.length < MAX_VALUES) {
    const [name, value] = stack.pop()!
    if (typeof value === 'string') {
      if (value.trim().length >= MIN_LENGTH) found.push({ name, value: value.trim() })
    } else if (Array.isArray(value)) value.forEach((item, index) => stack.push([`${name}[${index}]`, item]))
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) stack.push([name ? `${name}.${key}` : key, item])
  }
  return found
}

/**
 * Replaces every occurrence of the values in a text by the name of their field, longest first, so that an error says
 * which variable was at fault without saying what it held: `Failed to lookup "[debtor.lastName]"`.
 */
export function redact(text: string, values: readonly NamedValue[]): string {
  let result = text
  for (const { name, value } of [...values].sort((a, b) => b.value.length - a.value.length)) {
    if (result.includes(value)) result = result.split(value).join(`[${name}]`)
  }
  return result
}
