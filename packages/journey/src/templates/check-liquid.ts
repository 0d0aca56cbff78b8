import { closestName } from '../closest-name'
import { liquidEngines, templateFields, templateVariables, type TemplateVariable } from './liquid'
import { renderWithinBudget } from './render-template'
import { TemplateBudgetError } from './template-budget'

export interface TemplateProblem {
  severity: 'error' | 'warning'
  message: string
  /** The template renders, but beyond its budget (output, loops, time) for an ordinary case. */
  overBudget?: true
}

/** An ordinary case, for a trial render: what goes over budget with it (a doubling capture, nested ranges) always does. */
const sampleScope = {
  case: { id: 'C-1', amountDue: 120, balance: 120, currency: 'EUR', dueDate: '2026-01-15', daysPastDue: 14, attributes: {} },
  debtor: {
    firstName: 'Alex',
    lastName: 'Example',
    email: 'alex@example.com',
    phone: '+491701234567',
    address: {},
    locale: 'en',
    timezone: 'UTC',
    country: 'DE',
    region: '',
    birthDate: '1980-01-01',
    age: 46,
    attributes: {},
  },
  event: { type: 'invoice.overdue', data: {} },
  links: { portal: 'https://pay.example.com/p', pay: 'https://pay.example.com/p', optout: 'https://pay.example.com/o' },
  sender: { name: 'Sender' },
  locale: 'en',
}

/** Why the template goes over its render budget for an ordinary case; undefined when it stays within. */
function overBudget(parsed: ReturnType<typeof liquidEngines.text.parse>): string | undefined {
  try {
    renderWithinBudget(liquidEngines.text, parsed, sampleScope)
    return undefined
  } catch (error) {
    // Other render errors depend on the data and are the message's own at send time.
    return error instanceof TemplateBudgetError ? error.message : undefined
  }
}

const isTemplateVariable = (root: string): root is TemplateVariable => Object.hasOwn(templateFields, root)

/**
 * Parses a Liquid text and names the variables it reads that no case will have: an unknown root is an error, an
 * unknown field of a known one a warning (it renders blank: `Hi {{ debtor.firstNme }}` reads "Hi ,"). Loop
 * variables and assigns are the template's own and not checked. A trial render for an ordinary case refuses a
 * template over its budget (output, loops, time).
 */
export function checkLiquid(source: string): TemplateProblem[] {
  let parsed
  try {
    parsed = liquidEngines.text.parse(source)
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return [{ severity: 'error', message: `Liquid: ${message}` }]
  }
  const budget = overBudget(parsed)
  if (budget) return [{ severity: 'error', message: `Liquid: the template ${budget}`, overBudget: true }]
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
