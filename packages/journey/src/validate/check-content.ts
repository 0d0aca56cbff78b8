import { type Diagnostic, type DiagnosticPath, markOverBudget } from '../diagnostics'
import { checkCondition, checkValueExpression } from '../expressions/check-expression'
import { checkLiquid } from '../templates/check-liquid'
import { checkMjml } from '../templates/check-mjml'
import { DEFAULT_GOAL } from '../settings'
import type { JourneyView, NodeView } from './view'
import type { KindChecks } from '../node-kind'
import { nodeKinds, type SomeNodeKind } from '../nodes'

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? `an ${word}` : `a ${word}`
}

function expressionDiagnostic(check: ReturnType<typeof checkCondition>, where: { nodeId?: string; path: DiagnosticPath }, what: string): Diagnostic[] {
  if (check.ok) return []
  const diagnostic: Diagnostic = { severity: 'error', code: 'bad-expression', message: `${what}: ${check.message}`, ...where }
  return [check.overBudget ? markOverBudget(diagnostic) : diagnostic]
}

function duplicateIds(node: NodeView, ids: string[], listName: string, what: string): Diagnostic[] {
  const seen = new Set<string>()
  const diagnostics: Diagnostic[] = []
  ids.forEach((id, position) => {
    if (seen.has(id)) {
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-outcome-id',
        message: `two ${what} share the id "${id}"; each outcome needs its own`,
        nodeId: node.id,
        path: ['nodes', node.index, 'data', listName, position, 'id'],
      })
    }
    seen.add(id)
  })
  return diagnostics
}

/** What a node's own data refers to or computes: conditions, weights, templates (each kind says what it checks). */
function checkNode(view: JourneyView, node: NodeView, used: Set<string>): Diagnostic[] {
  const parsed = node.node
  if (!parsed) return []
  const at = (path: DiagnosticPath) => ({ nodeId: node.id, path: ['nodes', node.index, 'data', ...path] })
  const checks: KindChecks = {
    condition: (source, path, what) => expressionDiagnostic(checkCondition(source), at(path), what),
    valueExpression: (source, path, what) => expressionDiagnostic(checkValueExpression(source), at(path), what),
    template: (templateId, channel, path) => {
      used.add(templateId)
      const template = view.templates.get(templateId)
      if (!view.templateIds.has(templateId)) {
        return [{ severity: 'error', code: 'unknown-template', message: `uses the template "${templateId}", which the journey does not have`, ...at(path) }]
      }
      if (template && template.channel !== channel) {
        return [
          {
            severity: 'error',
            code: 'template-channel',
            message: `uses the ${nodeKinds[template.channel].title} template "${templateId}" on ${article(nodeKinds[parsed.type].title)} step`,
            ...at(path),
          },
        ]
      }
      return []
    },
    uniqueIds: (list, ids, what) => duplicateIds(node, ids, list, what),
    error: (code, message, path) => ({ severity: 'error', code, message, ...at(path) }),
  }
  return (nodeKinds[parsed.type] as unknown as SomeNodeKind).check(parsed.data, checks)
}

function checkTemplates(view: JourneyView, used: Set<string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const settings = view.settings
  for (const [id, template] of view.templates) {
    const at = (...path: DiagnosticPath) => ({ path: ['templates', id, ...path] })
    if (!used.has(id)) {
      diagnostics.push({ severity: 'warning', code: 'unused-template', message: `template "${id}" is not used by any step`, ...at() })
    }
    const parts: [string, Record<string, string>][] = [['body', template.body]]
    if (template.subject) parts.unshift(['subject', template.subject])
    else if (template.channel === 'email') {
      diagnostics.push({ severity: 'error', code: 'missing-locale-text', message: `email template "${id}" has no subject`, ...at('subject') })
    }
    for (const [part, texts] of parts) {
      if (settings) {
        if (texts[settings.defaultLocale] === undefined) {
          diagnostics.push({
            severity: 'error',
            code: 'missing-locale-text',
            message: `template "${id}" has no ${part} in the default locale "${settings.defaultLocale}"`,
            ...at(part),
          })
        }
        for (const locale of settings.locales) {
          if (locale !== settings.defaultLocale && texts[locale] === undefined) {
            diagnostics.push({
              severity: 'warning',
              code: 'missing-translation',
              message: `template "${id}" has no ${part} in "${locale}"; debtors with that locale get "${settings.defaultLocale}"`,
              ...at(part),
            })
          }
        }
      }
      for (const [locale, text] of Object.entries(texts)) {
        if (settings && !settings.locales.includes(locale)) {
          diagnostics.push({
            severity: 'warning',
            code: 'unknown-locale',
            message: `template "${id}" has a ${part} in "${locale}", which is not among the journey's locales (${settings.locales.join(', ')})`,
            ...at(part, locale),
          })
        }
        for (const problem of checkLiquid(text)) {
          const diagnostic: Diagnostic = {
            severity: problem.severity,
            code: 'bad-template',
            message: `template "${id}" ${part} (${locale}): ${problem.message}`,
            ...at(part, locale),
          }
          diagnostics.push(problem.overBudget ? markOverBudget(diagnostic) : diagnostic)
        }
        if (template.channel === 'email' && part === 'body') {
          for (const problem of checkMjml(text)) {
            diagnostics.push({
              severity: problem.severity,
              code: 'bad-mjml',
              message: `template "${id}" body (${locale}): ${problem.message}`,
              ...at(part, locale),
            })
          }
        }
      }
    }
  }
  return diagnostics
}

export function checkContent(view: JourneyView): Diagnostic[] {
  const used = new Set<string>()
  const diagnostics = view.nodes.flatMap((node) => checkNode(view, node, used))
  if (view.settings) {
    const { settings } = view
    diagnostics.push(...expressionDiagnostic(checkCondition(settings.goal ?? DEFAULT_GOAL), { path: ['settings', 'goal'] }, 'goal'))
    settings.stopOn?.forEach((rule, index) => {
      if (rule.when)
        diagnostics.push(...expressionDiagnostic(checkCondition(rule.when), { path: ['settings', 'stopOn', index, 'when'] }, `stop rule ${index + 1}`))
    })
    if (!settings.locales.includes(settings.defaultLocale)) {
      diagnostics.push({
        severity: 'error',
        code: 'unknown-locale',
        message: `the default locale "${settings.defaultLocale}" is not among the journey's locales (${settings.locales.join(', ')})`,
        path: ['settings', 'defaultLocale'],
      })
    }
  }
  diagnostics.push(...checkTemplates(view, used))
  return diagnostics
}
