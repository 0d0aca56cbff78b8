import { compile, type CompileResult } from './compile/compile'
import { parseTree, printParseErrorCode, type ParseError, type ParseErrorCode } from 'jsonc-parser'
import type { Diagnostic } from './diagnostics'

export type ParseResult = { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic }

/** JSON text to a value, with a readable message (line and column) when it is not JSON. */
export function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    // JSON.parse does not always say where; jsonc-parser does (in strict mode it rejects what JSON.parse rejects).
    const errors: ParseError[] = []
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
    const first = errors[0]
    const where = first ? ` at ${lineAndColumn(text, first.offset)}: ${describeParseError(first.error)}` : ''
    return { ok: false, diagnostic: { severity: 'error', code: 'not-a-journey', message: `not valid JSON${where}`, path: [] } }
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset)
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`
}

function describeParseError(code: ParseErrorCode): string {
  const words = printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
  return words
}

/** Text in, compiled journey (or diagnostics) out. */
export function compileText(text: string): CompileResult {
  const parsed = parseJson(text)
  return parsed.ok ? compile(parsed.value) : { ok: false, diagnostics: [parsed.diagnostic] }
}
