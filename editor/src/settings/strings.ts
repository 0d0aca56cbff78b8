import { language, type Language } from '../import/strings'

/** The settings screen's words in English and German (every key in both, or the type check fails). */
const en = {
  title: 'Journey settings',
  intro: 'What holds for the whole journey, whichever step a case is at.',
  problems: 'Problems of the settings',
  general: 'General',
  name: 'Name',
  description: 'Description',
  descriptionHelp: 'What the journey is for, for your colleagues.',
  languages: 'Languages',
  languagesHelp: 'The languages the templates are written in. Debtors get their own language, else the default.',
  defaultLanguage: 'Default language',
  defaultLanguageHelp: 'What debtors get whose language has no text.',
  addLanguage: 'Add language',
  languageCode: 'Language code',
  languageCodeHelp: 'A language tag such as de, fr or de-AT.',
  removeLanguage: (name: string) => `Remove ${name}`,
  defaultStays: 'The default language stays: choose another default first.',
  alreadyThere: (code: string) => `${code} is already among the languages.`,
  notACode: 'Not a language tag: write it as de, en or de-AT.',
  missingHeading: (count: number) => (count === 1 ? '1 template lacks a translation' : `${count} templates lack a translation`),
  missingIntro:
    'Debtors with these languages get the default language’s text until the template has theirs; a template without the default language stops the journey from being published.',
  missingIn: (locales: string[]) => `missing: ${locales.join(', ')}`,
  openTemplate: (name: string) => `Open template ${name}`,
  goal: 'Goal',
  goalLabel: 'Ends as paid when',
  goalHelp: 'A condition that ends the enrolment with outcome paid, from any step. Without one: case.balance <= 0.',
  contactHours: 'Contact hours',
  limitHours: 'Contact only within these hours (the debtor’s local time)',
  from: 'From',
  until: 'Until',
  days: 'Days',
  policyHours:
    'The server’s contact policy applies as well: its hours are the widest any journey may use, and these can only narrow them. The editor cannot read the server’s policy: no API shows it yet.',
  stopRules: 'Stop rules',
  stopRulesHelp: 'Events that end an enrolment from any step, e.g. a dispute.',
  stopRule: (n: number) => `Stop rule ${n}`,
  event: 'Event',
  when: 'Only when',
  outcome: 'Outcome',
  outcomeHelp: 'The enrolment ends with this outcome; without one: stopped.',
  addStopRule: 'Add stop rule',
  removeStopRule: (n: number) => `Remove stop rule ${n}`,
  priority: 'Priority',
  hasPriority: 'This journey excludes others of its group',
  priorityHelp: 'Without a priority the journey excludes no other: a case may be in it and in others at once.',
  group: 'Group',
  groupHelp: 'Journeys of one group hold a case one at a time; without a name: dunning.',
  rank: 'Rank',
  rankHelp: '1 comes first: a journey of lower number takes the case from one of higher (1–1000).',
  whenOutranked: 'When a journey that comes first takes the case',
  pause: 'pause, and resume when it ends',
  end: 'end the enrolment',
  parallel: 'Runs beside the other journeys of its group instead of excluding them',
  optional: ' (optional)',
  weekdays: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
}

export type SettingsStrings = typeof en

const de: SettingsStrings = {
  title: 'Einstellungen der Journey',
  intro: 'Was für die ganze Journey gilt, an welchem Schritt ein Fall auch steht.',
  problems: 'Probleme der Einstellungen',
  general: 'Allgemein',
  name: 'Name',
  description: 'Beschreibung',
  descriptionHelp: 'Wozu die Journey dient, für Ihre Kolleginnen und Kollegen.',
  languages: 'Sprachen',
  languagesHelp: 'Die Sprachen der Vorlagen. Schuldner erhalten ihre eigene Sprache, sonst die Standardsprache.',
  defaultLanguage: 'Standardsprache',
  defaultLanguageHelp: 'Was Schuldner erhalten, für deren Sprache es keinen Text gibt.',
  addLanguage: 'Sprache hinzufügen',
  languageCode: 'Sprachcode',
  languageCodeHelp: 'Ein Sprachkürzel wie de, fr oder de-AT.',
  removeLanguage: (name) => `${name} entfernen`,
  defaultStays: 'Die Standardsprache bleibt: wählen Sie zuerst eine andere.',
  alreadyThere: (code) => `${code} ist schon unter den Sprachen.`,
  notACode: 'Kein Sprachkürzel: schreiben Sie es wie de, en oder de-AT.',
  missingHeading: (count) => (count === 1 ? '1 Vorlage fehlt eine Übersetzung' : `${count} Vorlagen fehlt eine Übersetzung`),
  missingIntro:
    'Schuldner mit diesen Sprachen erhalten den Text der Standardsprache, bis die Vorlage ihren hat; ohne die Standardsprache kann eine Vorlage nicht veröffentlicht werden.',
  missingIn: (locales) => `fehlt: ${locales.join(', ')}`,
  openTemplate: (name) => `Vorlage ${name} öffnen`,
  goal: 'Ziel',
  goalLabel: 'Endet als bezahlt, wenn',
  goalHelp: 'Eine Bedingung, die die Teilnahme an jedem Schritt mit dem Ergebnis paid beendet. Ohne: case.balance <= 0.',
  contactHours: 'Kontaktzeiten',
  limitHours: 'Nur zu diesen Zeiten kontaktieren (Ortszeit des Schuldners)',
  from: 'Von',
  until: 'Bis',
  days: 'Tage',
  policyHours:
    'Die Kontaktrichtlinie des Servers gilt zusätzlich: ihre Zeiten sind die weitesten, die eine Journey nutzen darf, diese hier können sie nur einschränken. Der Editor kann die Richtlinie des Servers nicht lesen: noch zeigt keine API sie an.',
  stopRules: 'Stoppregeln',
  stopRulesHelp: 'Ereignisse, die eine Teilnahme an jedem Schritt beenden, z. B. ein Widerspruch.',
  stopRule: (n) => `Stoppregel ${n}`,
  event: 'Ereignis',
  when: 'Nur wenn',
  outcome: 'Ergebnis',
  outcomeHelp: 'Die Teilnahme endet mit diesem Ergebnis; ohne: stopped.',
  addStopRule: 'Stoppregel hinzufügen',
  removeStopRule: (n) => `Stoppregel ${n} entfernen`,
  priority: 'Priorität',
  hasPriority: 'Diese Journey schließt andere ihrer Gruppe aus',
  priorityHelp: 'Ohne Priorität schließt die Journey keine andere aus: ein Fall kann zugleich in ihr und in anderen sein.',
  group: 'Gruppe',
  groupHelp: 'Journeys einer Gruppe führen einen Fall nacheinander; ohne Namen: dunning.',
  rank: 'Rang',
  rankHelp: '1 kommt zuerst: eine Journey mit kleinerer Zahl übernimmt den Fall von einer mit größerer (1–1000).',
  whenOutranked: 'Wenn eine vorrangige Journey den Fall übernimmt',
  pause: 'pausieren und fortsetzen, wenn sie endet',
  end: 'die Teilnahme beenden',
  parallel: 'Läuft neben den anderen Journeys ihrer Gruppe, statt sie auszuschließen',
  optional: ' (optional)',
  weekdays: { mon: 'Mo', tue: 'Di', wed: 'Mi', thu: 'Do', fri: 'Fr', sat: 'Sa', sun: 'So' },
}

const catalogue: Record<Language, SettingsStrings> = { en, de }
export const s: SettingsStrings = catalogue[language]

/** A language's name in the screen's language (`de` → German), else its code. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}
