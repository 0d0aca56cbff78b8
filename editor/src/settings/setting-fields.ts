import type { Diagnostic, DiagnosticPath, Journey } from '@dunwell/journey'
import { missingLocales } from '../templates/template-model'

/**
 * The fields of the settings screen, by the document path they edit (`settings.goal`, `settings.stopOn.0.when`). A
 * stop rule's index stands for any index.
 */
const fields = [
  'name',
  'description',
  'settings.locales',
  'settings.defaultLocale',
  'settings.goal',
  'settings.contactHours',
  'settings.contactHours.start',
  'settings.contactHours.end',
  'settings.contactHours.days',
  'settings.priority',
  'settings.priority.group',
  'settings.priority.rank',
  'settings.priority.whenOutranked',
  'settings.priority.parallel',
  'settings.promises',
  'settings.promises.graceDays',
  'settings.promises.missesToBreak',
  'settings.promises.pauseContact',
  'settings.stopOn',
  'settings.stopOn.#',
  'settings.stopOn.#.event',
  'settings.stopOn.#.when',
  'settings.stopOn.#.outcome',
] as const

const known = new Set<string>(fields)

/** Whether a path names something of the screen's, rather than a step or a template. */
export function isSettingPath(path: DiagnosticPath | string): boolean {
  const [root] = typeof path === 'string' ? path.split('.') : path
  return root === 'settings' || root === 'name' || root === 'description'
}

/** The screen's field a path is about: the path itself when the screen shows it, else its nearest shown parent. */
export function settingField(path: DiagnosticPath | string): string | undefined {
  if (!isSettingPath(path)) return undefined
  // `settings.stopOn[0].when` (as `formatPath` writes it) and `settings.stopOn.0.when` name the same field.
  let parts = (typeof path === 'string' ? path.replace(/\[(\d+)\]/g, '.$1').split('.') : path).map(String)
  while (parts.length > 0) {
    const key = parts.join('.')
    if (known.has(key.replace(/^settings\.stopOn\.\d+/, 'settings.stopOn.#'))) return key
    parts = parts.slice(0, -1)
  }
  return undefined
}

/** The element id of a field (what a `<label for>` and a focus from the problems panel use). */
export function settingFieldId(field: string): string {
  return `setting-${field.replace(/\./g, '-')}`
}

export interface SettingProblems {
  /** The validator's findings by the field they are about. */
  byField: Map<string, Diagnostic[]>
  /** Findings about the settings that no field shows (an unknown key, say). */
  general: Diagnostic[]
}

/** The validator's findings about the settings, sorted to the fields they are about. */
export function settingProblems(diagnostics: Diagnostic[]): SettingProblems {
  const problems: SettingProblems = { byField: new Map(), general: [] }
  for (const diagnostic of diagnostics) {
    if (!isSettingPath(diagnostic.path)) continue
    const field = settingField(diagnostic.path)
    if (!field) problems.general.push(diagnostic)
    else problems.byField.set(field, [...(problems.byField.get(field) ?? []), diagnostic])
  }
  return problems
}

/** A template that lacks a text in some of the journey's languages, as the validator found it. */
export interface MissingTranslation {
  id: string
  name: string
  locales: string[]
}

/**
 * The templates the validator reports without a text in one of the journey's languages (`missing-translation`, or
 * `missing-locale-text` for the default language), each with the languages it lacks (of its body, or of its subject
 * for email).
 */
export function missingTranslations(diagnostics: Diagnostic[], document: Journey): MissingTranslation[] {
  const reported = diagnostics.filter(
    (diagnostic) => (diagnostic.code === 'missing-translation' || diagnostic.code === 'missing-locale-text') && diagnostic.path[0] === 'templates',
  )
  const ids = new Set(reported.map((diagnostic) => String(diagnostic.path[1])))
  return [...ids].flatMap((id) => {
    const template = document.templates[id]
    if (!template) return []
    const lacking = missingLocales(template, document.settings.locales)
    return lacking.length > 0 ? [{ id, name: template.name ?? id, locales: lacking }] : []
  })
}
