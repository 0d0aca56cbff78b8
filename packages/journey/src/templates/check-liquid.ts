import { closestName } from '../closest-name'
import { IfTag, Output, type Template } from 'liquidjs'
import { liquidEngines, optionalTemplateFields, templateFields, templateVariables, type TemplateVariable } from './liquid'
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

/** `root.field` when an expression is one variable and nothing else (`debtor.age`, `debtor["age"]`). */
function soleVariable(expression: { postfix: unknown[] }): string | undefined {
  const [token] = expression.postfix
  const [root, field] = (token as { props?: { content?: unknown }[] } | undefined)?.props ?? []
  return expression.postfix.length === 1 && typeof root?.content === 'string' && typeof field?.content === 'string'
    ? `${root.content}.${field.content}`
    : undefined
}

/**
 * `root.field` of each output that prints a variable as it is: no `| default: …` stands in when it is missing, and
 * no `{% if root.field %}` around it says it is there.
 */
function bareOutputs(templates: Template[], guarded: ReadonlySet<string> = new Set(), found: Set<string> = new Set()): Set<string> {
  for (const template of templates) {
    if (template instanceof Output) {
      const name = soleVariable(template.value.initial)
      if (name && !guarded.has(name) && !template.value.filters.some((filter) => filter.name === 'default')) found.add(name)
      continue
    }
    if (template instanceof IfTag) {
      for (const branch of template.branches) {
        const name = soleVariable(branch.value.initial)
        bareOutputs(branch.templates, name ? new Set([...guarded, name]) : guarded, found)
      }
      bareOutputs(template.elseTemplates ?? [], guarded, found)
      continue
    }
    const children = (template as { children?: (partials: boolean, sync: boolean) => Generator<unknown, Template[]> }).children
    if (typeof children !== 'function') continue
    const walk = children.call(template, false, true)
    let step = walk.next()
    while (!step.done) step = walk.next()
    bareOutputs(step.value ?? [], guarded, found)
  }
  return found
}

/**
 * Parses a Liquid text and names the variables it reads that would render blank: an unknown root or field (a typo:
 * `Hi {{ debtor.firstNme }}` reads "Hi ,"), and a declared field some cases are without (`debtor.age` with no birth
 * date) printed with no `| default: …` (nor inside `{% if %}` on it). Each is an error: a letter with a blank amount or name must not go out. Loop
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
  const bare = bareOutputs(parsed)
  const problems = new Map<string, TemplateProblem>()
  for (const [root, field] of variables) {
    if (typeof root !== 'string') continue
    if (!isTemplateVariable(root)) {
      problems.set(root, { severity: 'error', message: `unknown variable ${root} (use ${templateVariables.join(', ')})` })
      continue
    }
    // A computed field (`case[name]`) or an index is only known when the message renders.
    if (typeof field !== 'string') continue
    const name = `${root}.${field}`
    const fields: readonly string[] = templateFields[root]
    if (!fields.includes(field)) {
      const meant = closestName(field, fields)
      problems.set(name, {
        severity: 'error',
        message: `unknown variable ${name}, which renders blank — ${meant ? `did you mean ${root}.${meant}?` : `${root} has ${fields.join(', ')}`}`,
      })
      continue
    }
    const needs = (optionalTemplateFields[root] as Record<string, string> | undefined)?.[field]
    if (needs && bare.has(name) && !problems.has(name)) {
      problems.set(name, {
        severity: 'error',
        message: `${name} renders blank for a case without ${needs}: give it a default ({{ ${name} | default: "…" }}) or print it inside {% if ${name} %}`,
      })
    }
  }
  return [...problems.values()]
}
