import { closestName } from '../closest-name'
import { expressionVariables, type ExpressionVariable } from './cel-environment'
import type { SourceRange } from './check-expression'

/** What the library's token names stand for, as a person types them. */
const tokens: Record<string, string> = {
  RPAREN: ')',
  RBRACKET: ']',
  RBRACE: '}',
  LPAREN: '(',
  COLON: ':',
  COMMA: ',',
  IDENTIFIER: 'a name',
  NUMBER: 'a number',
  STRING: 'a text in quotes',
}

const openers: Record<string, string> = { ')': '(', ']': '[', '}': '{' }

const typeNames: Record<string, string> = {
  double: 'a decimal number',
  int: 'a whole number',
  uint: 'a whole number',
  string: 'a text',
  bool: 'true or false',
  'list<dyn>': 'a list',
}

function typeName(type: string): string {
  return typeNames[type] ?? (type.startsWith('list') ? 'a list' : type.startsWith('map') ? 'a map' : type)
}

/** The last thing typed before the end: an operator such as `>=` or `&&`, else the last word. */
function lastToken(source: string): string | undefined {
  const trimmed = source.trimEnd()
  return /(\d+(?:\.\d+)?|[=!<>]=?|&&|\|\||[-+*/%!(,[{.]|\w+|'[^']*'|"[^"]*")$/.exec(trimmed)?.[1]
}

/**
 * The library's parser and checker messages ("Unexpected token: EOF") in a user's words, from the message, the
 * source and the range at fault. `what` names the whole ("condition", "value"). Unknown messages pass unchanged.
 */
export function explainCelError(message: string, source: string, range: SourceRange | undefined, what: string): string {
  const at = range ? source.slice(range.start, range.end) : ''

  if (source.trim() === '') return `The ${what} is empty`

  if (/^Unexpected token: EOF$/.test(message) || /^Expected \w+, got EOF$/.test(message)) {
    const expected = /^Expected (\w+)/.exec(message)?.[1]
    const closer = expected ? tokens[expected] : undefined
    if (closer && openers[closer]) return `A \`${openers[closer]}\` is never closed: add \`${closer}\` at the end`
    const last = lastToken(source)
    if (last === '.') return `The ${what} ends too early: a field name is missing after \`${/(\w+)\.\s*$/.exec(source)?.[1] ?? ''}.\``
    return last ? `The ${what} ends too early: something is missing after \`${last}\`` : `The ${what} ends too early`
  }

  if (message === 'Unterminated string') {
    const quote = at.charAt(0) === '"' ? '"' : "'"
    return `A text in quotes is not closed: add ${quote} after ${at.slice(1) ? `\`${at.slice(1)}\`` : 'it'}`
  }

  const character = /^Unexpected character: '?(.+?)'?$/.exec(message)
  if (character) {
    const found = at || character[1]!
    const before = source.slice(0, range?.start ?? 0)
    const after = source.slice(range?.end ?? 0)
    if (found === '=') return 'A single `=` is not a comparison: write `==` for “equals”'
    if (found === '&') return 'Write `&&` for “and”'
    if (found === '|') return 'Write `||` for “or”'
    if (openers[found]) return `This \`${found}\` has no matching \`${openers[found]}\``
    if (found === ',' && /\d$/.test(before) && /^\d/.test(after)) return 'Write decimals with a dot, e.g. 1.5, not 1,5'
    const word = /^\w+/.exec(found)?.[0]
    if (word === 'and') return 'Write `&&` for “and”'
    if (word === 'or') return 'Write `||` for “or”'
    if (word === 'not') return 'Write `!` for “not”'
    if (word) return `\`${word}\` cannot follow \`${lastToken(before) ?? ''}\` here: join two conditions with && (and) or || (or)`
    return `\`${found}\` is not allowed here`
  }

  const limit = /^Exceeded (\w+) \((\d+)\)$/.exec(message)
  if (limit) {
    const [, name, value] = limit
    const words: Record<string, string> = {
      maxDepth: `is nested more than ${value} levels deep (brackets, calls, lists and field accesses inside each other): write it flatter, e.g. as several conditions`,
      maxAstNodes: `has more than ${value} parts: split it into several conditions`,
      maxListElements: `has a list of more than ${value} elements`,
      maxMapEntries: `has a map of more than ${value} entries`,
      maxCallArguments: `passes more than ${value} values to one function`,
    }
    return `The ${what} ${words[name!] ?? `exceeds the limit ${name} (${value})`}`
  }

  const unexpected = /^Unexpected token: (\w+)$/.exec(message)
  if (unexpected) return at ? `\`${at}\` is not expected here` : `Something is not expected here (${unexpected[1]})`

  const expectedToken = /^Expected (\w+), got (\w+)$/.exec(message)
  if (expectedToken) {
    const want = tokens[expectedToken[1]!] ?? expectedToken[1]!
    return `Expected ${want.length === 1 ? `\`${want}\`` : want}${at ? `, found \`${at}\`` : ''}`
  }

  const unknownKey = /^No such key: (\S+)/.exec(message)
  if (unknownKey) {
    const key = unknownKey[1]!
    const owner = /(\w+)\.\s*$/.exec(source.slice(0, range?.start ?? 0))?.[1]
    const fields = owner && owner in expressionVariables ? Object.keys(expressionVariables[owner as ExpressionVariable]) : []
    const guess = closestName(key, fields)
    const name = owner ? `${owner}.${key}` : key
    return guess
      ? `Unknown field ${name} — did you mean ${owner}.${guess}?`
      : `Unknown field ${name}${fields.length ? ` (${owner} has ${fields.join(', ')})` : ''}`
  }

  const unknownVariable = /^Unknown variable: (\S+)/.exec(message)
  if (unknownVariable) {
    const name = unknownVariable[1]!
    const guess = closestName(name, Object.keys(expressionVariables))
    if (guess) return `Unknown name ${name} — did you mean ${guess}?`
    // A bare word after a comparison is most often a text without its quotes: debtor.country == DE.
    if (/(==|!=|\bin)\s*$/.test(source.slice(0, range?.start ?? 0))) return `Unknown name ${name}: put a text in quotes, e.g. '${name}'`
    return `Unknown name ${name}: start with case, debtor or event`
  }

  const mixed = /^no such overload: (\S+) (\S+) (\S+)$/.exec(message)
  if (mixed) {
    const [, left, operator, right] = mixed
    if ((left === 'double' && right === 'int') || (left === 'int' && right === 'double')) {
      const whole = /(?<![\d.])(\d+)(?![\d.])/.exec(source)?.[1] ?? '1'
      return `Mixes a decimal number with a whole number in ${operator}; write ${whole}.0 instead of ${whole}`
    }
    return `Cannot use ${operator} on ${typeName(left!)} and ${typeName(right!)}`
  }

  const call = /^found no matching overload for '(\w+)\((.*)\)'$/.exec(message)
  if (call) return `There is no function ${call[1]}() that takes ${call[2] ? call[2].split(/,\s*/).map(typeName).join(' and ') : 'no values'}`

  return message
}
