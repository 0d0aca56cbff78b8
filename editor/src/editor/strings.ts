import { language, type Language } from '../import/strings'

/** The problems panel's words in English and German (every key in both, or the type check fails). */
const en = {
  problems: 'Problems',
  count: (errors: number, warnings: number) => `${errors} error${errors === 1 ? '' : 's'} · ${warnings} warning${warnings === 1 ? '' : 's'}`,
  close: 'Close problems',
  none: 'No problems: this journey can be published.',
  journey: 'journey',
  arrow: (id: string) => `arrow ${id}`,
  severity: { error: 'error', warning: 'warning' },
  show: { step: 'Show on canvas', arrow: 'Show the arrow', setting: 'Show in the settings', template: 'Show the template' },
}

export type ProblemStrings = typeof en

const de: ProblemStrings = {
  problems: 'Probleme',
  count: (errors, warnings) => `${errors} Fehler · ${warnings} ${warnings === 1 ? 'Warnung' : 'Warnungen'}`,
  close: 'Probleme schließen',
  none: 'Keine Probleme: Diese Journey kann veröffentlicht werden.',
  journey: 'Journey',
  arrow: (id) => `Pfeil ${id}`,
  severity: { error: 'Fehler', warning: 'Warnung' },
  show: { step: 'Auf der Arbeitsfläche zeigen', arrow: 'Den Pfeil zeigen', setting: 'In den Einstellungen zeigen', template: 'Die Vorlage zeigen' },
}

const catalogue: Record<Language, ProblemStrings> = { en, de }
export const p: ProblemStrings = catalogue[language]
