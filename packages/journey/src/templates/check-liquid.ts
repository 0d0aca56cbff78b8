import { liquidEngines, templateVariables } from './liquid'

export interface TemplateProblem {
  severity: 'error' | 'warning'
  message: string
}

/** Parses a Liquid text and names the variables it reads that no case will have. */
export function checkLiquid(source: string): TemplateProblem[] {
  let parsed
  try {
    parsed = liquidEngines.text.parse(source)
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return [{ severity: 'error', message: `Liquid: ${message}` }]
  }
  try {
    const roots = liquidEngines.text.globalVariablesSync(parsed)
    const known = new Set<string>(templateVariables)
    return roots
      .filter((root) => !known.has(root))
      .map((root) => ({
        severity: 'error' as const,
        message: `unknown variable ${root} (use ${templateVariables.join(', ')})`,
      }))
  } catch {
    return []
  }
}
