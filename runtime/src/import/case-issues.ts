import type { z } from 'zod'
import type { ImportProblem } from '@dunwell/contract'

/** A case's zod issues as import problems on its line: `dueDate is missing`, `debtor.timezone must be an IANA time zone…`. */
export function caseIssues(
  issues: readonly z.core.$ZodIssue[],
  line: number,
  id: string | undefined,
  columnOf: (path: readonly PropertyKey[]) => string | undefined,
): ImportProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message)
    const column = columnOf(issue.path)
    return {
      line,
      ...(id ? { id } : {}),
      ...(column ? { column } : {}),
      severity: 'error' as const,
      message: missing
        ? `${path} is missing${path === 'currency' ? ' (a currency column, or the import’s currency)' : ''}`
        : `${path || 'the line'} ${issue.message.replace(/^Invalid input: /, '')}`,
    }
  })
}
