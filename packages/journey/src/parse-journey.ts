import { compile, type CompileResult } from './compile/compile'
import type { Diagnostic } from './diagnostics'

export type ParseResult = { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic }

/** JSON text to a value, with a readable message (line and column) when it is not JSON. */
export function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(message)
    let where = ''
    if (position) {
      const before = text.slice(0, Number(position[1]))
      const line = before.split('\n').length
      const column = before.length - before.lastIndexOf('\n')
      where = ` at line ${line}, column ${column}`
    }
    return {
      ok: false,
      diagnostic: { severity: 'error', code: 'not-a-journey', message: `not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`, path: [] },
    }
  }
}

/** Text in, compiled journey (or diagnostics) out. */
export function compileText(text: string): CompileResult {
  const parsed = parseJson(text)
  return parsed.ok ? compile(parsed.value) : { ok: false, diagnostics: [parsed.diagnostic] }
}
