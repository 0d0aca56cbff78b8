import { closestName } from '../closest-name'
import { liquidEngines, templateFields, templateVariables, type TemplateVariable } from './liquid'

export interface TemplateProblem {
  severity: 'error' | 'warning'
  message: string
}

const isTemplateVariable = (root: string): root is TemplateVariable => Object.hasOwn(templateFields, root)

/**
 * Parses a Liquid text and names the variables it reads that no case will have: an unknown root is an error, an
 * unknown field of a known one a warning (it renders blank: `Hi {{ debtor.firstNme }}` reads "Hi ,"). Loop
 * variables and assigns are the template's own and not checked.
 */
export function checkLiquid(source: string): TemplateProblem[] {
  let parsed
  try {
    parsed = liquidEngines.text.parse(source)
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return [{ severity: 'error', message: `Liquid: ${message}` }]
  }
  let variables
  try {
    variables = liquidEngines.text.globalVariableSegmentsSync(parsed)
  } catch {
    return []
  }
  const problems = new Map<string, TemplateProblem>()
  for (const [root, field] of variables) {
    if (typeof root !== 'string') continue
    if (!isTemplateVariable(root)) {
      problems.set(root, { severity: 'error', message: `unknown variable ${root} (use ${templateVariables.join(', ')})` })
      continue
    }
    // A computed field (`case[name]`) or an index is only known when the message renders.
    if (typeof field !== 'string') continue
    const fields: readonly string[] = templateFields[root]
    if (fields.includes(field)) continue
    const meant = closestName(field, fields)
    problems.set(`${root}.${field}`, {
      severity: 'warning',
      message: `unknown variable ${root}.${field}, which renders blank — ${meant ? `did you mean ${root}.${meant}?` : `${root} has ${fields.join(', ')}`}`,
    })
  }
  return [...problems.values()]
}
