import { RE2JS } from 're2js'

/**
 * CEL's `matches` has RE2 semantics. JavaScript's `RegExp` backtracks: `^([A-Za-z]+ ?)+$` against a long name runs
 * for seconds. RE2JS (the pure-JavaScript port of RE2 that bufbuild's cel-es also uses) matches in time linear in
 * the input and refuses what RE2 refuses (backreferences, lookaround).
 */
const compiled = new Map<string, RE2JS>()

function compile(pattern: string): RE2JS {
  let regex = compiled.get(pattern)
  if (!regex) {
    regex = RE2JS.compile(pattern)
    if (compiled.size > 1000) compiled.clear()
    compiled.set(pattern, regex)
  }
  return regex
}

/** Why a pattern is not a regular expression RE2 accepts, in words; undefined when it is one. */
export function regularExpressionProblem(pattern: string): string | undefined {
  try {
    compile(pattern)
    return undefined
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error)
    return `is not a regular expression in RE2 syntax (${reason}); backreferences and lookarounds are not supported`
  }
}

/** Whether `pattern` matches anywhere in `text` (CEL's `matches`), in linear time. */
export function matchesRegularExpression(text: string, pattern: string): boolean {
  let regex: RE2JS
  try {
    regex = compile(pattern)
  } catch {
    // The pattern may come from case data: the error names the rule, never the text.
    throw new Error('matches: the pattern is not a regular expression in RE2 syntax (backreferences and lookarounds are not supported)')
  }
  return regex.test(text)
}
