import { expressionVariables, type ExpressionVariable } from '@dunwell/journey'

/** What a suggestion is, for its icon; mapped to Monaco's kinds where Monaco is loaded. */
export type CelCompletionKind = 'variable' | 'field' | 'function' | 'method' | 'keyword'

export interface CelCompletion {
  label: string
  kind: CelCompletionKind
  /** The type, or the signature, shown beside the label. */
  detail: string
  documentation?: string
  /** Text inserted; a snippet (`${1:…}` placeholders) when `snippet` is set. */
  insertText: string
  snippet?: boolean
}

export interface CelCompletionResult {
  items: CelCompletion[]
  /** How many characters before the cursor the accepted suggestion replaces (the word being typed). */
  replace: number
}

/** How far back from the cursor a receiver such as `case.attributes.` is looked for. */
const MAX_RECEIVER = 200

const roots: Record<ExpressionVariable, string> = {
  case: 'The overdue claim: amount due, currency, due date, days past due, attributes',
  debtor: 'Who owes it: name, contact, locale, time zone, country, age, attributes',
  event: 'The event being handled: its type and data',
}

interface Callable {
  name: string
  signature: string
  documentation: string
  snippet: string
}

/** Global functions and the `has` macro. */
const functions: Callable[] = [
  {
    name: 'has',
    signature: 'has(field) → bool',
    documentation: 'Whether a field or map key is present, e.g. has(case.attributes.score)',
    snippet: 'has(${1:case.attributes.score})',
  },
  { name: 'size', signature: 'size(string | list | map) → int', documentation: 'Length of a text, list or map', snippet: 'size(${1})' },
  {
    name: 'timestamp',
    signature: 'timestamp(string) → timestamp',
    documentation: 'A point in time from ISO 8601 text, e.g. timestamp(case.dueDate)',
    snippet: "timestamp(${1:'2026-01-01T00:00:00Z'})",
  },
  {
    name: 'duration',
    signature: 'duration(string) → duration',
    documentation: "A length of time, e.g. duration('72h'), duration('30m')",
    snippet: "duration('${1:72h}')",
  },
  { name: 'int', signature: 'int(value) → int', documentation: 'Converts to a whole number', snippet: 'int(${1})' },
  { name: 'double', signature: 'double(value) → double', documentation: 'Converts to a decimal number', snippet: 'double(${1})' },
  { name: 'string', signature: 'string(value) → string', documentation: 'Converts to text', snippet: 'string(${1})' },
  { name: 'bool', signature: 'bool(value) → bool', documentation: "Converts 'true' or 'false' to a boolean", snippet: 'bool(${1})' },
]

/** Methods by receiver type; `list` holds the macros that take a variable and a condition. */
const methods: Record<'string' | 'list' | 'map' | 'timestamp', Callable[]> = {
  string: [
    {
      name: 'startsWith',
      signature: 'string.startsWith(string) → bool',
      documentation: 'Whether the text begins with the given text',
      snippet: "startsWith('${1}')",
    },
    { name: 'endsWith', signature: 'string.endsWith(string) → bool', documentation: 'Whether the text ends with the given text', snippet: "endsWith('${1}')" },
    { name: 'contains', signature: 'string.contains(string) → bool', documentation: 'Whether the text contains the given text', snippet: "contains('${1}')" },
    {
      name: 'matches',
      signature: 'string.matches(string) → bool',
      documentation: 'Whether the text matches a regular expression (RE2)',
      snippet: "matches('${1:^DE}')",
    },
    { name: 'lowerAscii', signature: 'string.lowerAscii() → string', documentation: 'The text in lower case', snippet: 'lowerAscii()' },
    { name: 'upperAscii', signature: 'string.upperAscii() → string', documentation: 'The text in upper case', snippet: 'upperAscii()' },
    { name: 'trim', signature: 'string.trim() → string', documentation: 'The text without surrounding spaces', snippet: 'trim()' },
    { name: 'size', signature: 'string.size() → int', documentation: 'Number of characters', snippet: 'size()' },
  ],
  list: [
    {
      name: 'exists',
      signature: 'list.exists(x, condition) → bool',
      documentation: 'Whether any element satisfies the condition',
      snippet: 'exists(${1:x}, ${2:condition})',
    },
    {
      name: 'all',
      signature: 'list.all(x, condition) → bool',
      documentation: 'Whether every element satisfies the condition',
      snippet: 'all(${1:x}, ${2:condition})',
    },
    {
      name: 'exists_one',
      signature: 'list.exists_one(x, condition) → bool',
      documentation: 'Whether exactly one element satisfies the condition',
      snippet: 'exists_one(${1:x}, ${2:condition})',
    },
    {
      name: 'filter',
      signature: 'list.filter(x, condition) → list',
      documentation: 'The elements that satisfy the condition',
      snippet: 'filter(${1:x}, ${2:condition})',
    },
    { name: 'map', signature: 'list.map(x, expression) → list', documentation: 'Each element transformed', snippet: 'map(${1:x}, ${2:expression})' },
    { name: 'size', signature: 'list.size() → int', documentation: 'Number of elements', snippet: 'size()' },
  ],
  map: [{ name: 'size', signature: 'map.size() → int', documentation: 'Number of entries', snippet: 'size()' }],
  timestamp: [
    { name: 'getDayOfWeek', signature: 'timestamp.getDayOfWeek(timezone?) → int', documentation: 'Day of the week, 0 = Sunday', snippet: 'getDayOfWeek()' },
    { name: 'getDayOfMonth', signature: 'timestamp.getDayOfMonth(timezone?) → int', documentation: 'Day of the month, from 0', snippet: 'getDayOfMonth()' },
    { name: 'getMonth', signature: 'timestamp.getMonth(timezone?) → int', documentation: 'Month, 0 = January', snippet: 'getMonth()' },
    { name: 'getFullYear', signature: 'timestamp.getFullYear(timezone?) → int', documentation: 'The year', snippet: 'getFullYear()' },
    { name: 'getHours', signature: 'timestamp.getHours(timezone?) → int', documentation: 'Hour of the day', snippet: 'getHours()' },
  ],
}

const keywords: CelCompletion[] = [
  { label: 'true', kind: 'keyword', detail: 'bool', insertText: 'true' },
  { label: 'false', kind: 'keyword', detail: 'bool', insertText: 'false' },
  { label: 'null', kind: 'keyword', detail: 'null', insertText: 'null' },
  { label: 'in', kind: 'keyword', detail: "x in ['EUR', 'USD']", documentation: 'Whether a value is in a list (or a key in a map)', insertText: 'in' },
]

function callable(item: Callable, kind: 'function' | 'method'): CelCompletion {
  return { label: item.name, kind, detail: item.signature, documentation: item.documentation, insertText: item.snippet, snippet: true }
}

function fieldHelp(type: string): string | undefined {
  if (type === 'double') return 'A decimal number: compare it with a decimal, e.g. 100.0'
  if (type === 'int') return 'A whole number, e.g. 30'
  if (type.startsWith('map<')) return 'Free attributes: name one with a dot, and check it with has() first'
  if (type === 'string') return "Text: compare it with a quoted value, e.g. 'EUR'"
  return undefined
}

/** The declared fields of `case`, `debtor` or `event`, with their types. */
function fieldsOf(root: ExpressionVariable): CelCompletion[] {
  return Object.entries(expressionVariables[root]).map(([name, type]) => {
    const documentation = fieldHelp(type)
    return { label: name, kind: 'field', detail: type, ...(documentation ? { documentation } : {}), insertText: name }
  })
}

/** Methods that apply to a receiver of the given type; every method when the type is not known. */
function methodsFor(type: string | undefined): CelCompletion[] {
  const all = (Object.keys(methods) as (keyof typeof methods)[]).flatMap((receiver) => methods[receiver].map((item) => callable(item, 'method')))
  if (type === undefined || type === 'dyn') return dedupe(all)
  const receiver = type.startsWith('map<') ? 'map' : type.startsWith('list') ? 'list' : type
  const known = methods[receiver as keyof typeof methods]
  return known ? known.map((item) => callable(item, 'method')) : []
}

function dedupe(items: CelCompletion[]): CelCompletion[] {
  const seen = new Set<string>()
  return items.filter((item) => (seen.has(item.label) ? false : (seen.add(item.label), true)))
}

function isRoot(name: string): name is ExpressionVariable {
  return Object.hasOwn(expressionVariables, name)
}

/** Whether the cursor sits inside a quoted string (CEL quotes with ' or ", escaping with \). */
function inString(text: string): boolean {
  let quote: string | undefined
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quote) {
      if (char === '\\') index++
      else if (char === quote) quote = undefined
    } else if (char === '"' || char === "'") quote = char
  }
  return quote !== undefined
}

/**
 * What to suggest at the cursor, given the text before it: after `case.`, `debtor.` or `event.` their declared
 * fields; after another dot, the methods of the receiver's type (all of them when it is not known); elsewhere the
 * three roots, the functions and the keywords. Nothing inside a string.
 */
export function celCompletions(before: string): CelCompletionResult {
  const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before)?.[0] ?? ''
  const head = before.slice(0, before.length - word.length)
  if (inString(head)) return { items: [], replace: 0 }
  if (head.endsWith('.')) {
    // The receiver is near the cursor: a pasted wall of text is not scanned whole on every keystroke.
    const near = head.slice(-MAX_RECEIVER)
    const chain = /(?:^|[^A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\.$/.exec(near)?.[1]
    const parts = chain?.split('.') ?? []
    const [root, field, ...deeper] = parts
    if (root && isRoot(root)) {
      if (field === undefined) return { items: fieldsOf(root), replace: word.length }
      const type = (expressionVariables[root] as Record<string, string>)[field]
      // A key of a free-attribute map: its type is anyone's guess.
      if (deeper.length > 0 || type === undefined)
        return { items: type?.startsWith('map<') || deeper.length > 0 ? methodsFor(undefined) : [], replace: word.length }
      return { items: methodsFor(type), replace: word.length }
    }
    // A number such as `100.` is no receiver.
    if (/\d\.$/.test(near) && !chain) return { items: [], replace: 0 }
    return { items: methodsFor(undefined), replace: word.length }
  }
  const items: CelCompletion[] = [
    ...(Object.keys(roots) as ExpressionVariable[]).map(
      (root): CelCompletion => ({ label: root, kind: 'variable', detail: root, documentation: roots[root], insertText: root }),
    ),
    ...functions.map((item) => callable(item, 'function')),
    ...keywords,
  ]
  return { items, replace: word.length }
}

/** What the name under the cursor is: a root or a declared field, with its type and what it holds. */
export function celHover(text: string, offset: number): { start: number; end: number; contents: string } | undefined {
  const isName = (char: string | undefined) => char !== undefined && /[A-Za-z0-9_.]/.test(char)
  let start = offset
  while (start > 0 && isName(text[start - 1])) start--
  let end = offset
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end]!)) end++
  if (end === start || inString(text.slice(0, start))) return undefined
  const parts = text.slice(start, end).split('.')
  const [root, field] = parts
  if (!root || !isRoot(root) || parts.length > 2) return undefined
  if (field === undefined) return { start, end, contents: `**${root}**: ${roots[root]}` }
  const type = (expressionVariables[root] as Record<string, string>)[field]
  if (!type) return undefined
  const help = fieldHelp(type)
  return { start, end, contents: `**${root}.${field}**: \`${type}\`${help ? `. ${help}` : ''}` }
}
