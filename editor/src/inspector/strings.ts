import { language, type Language } from '../import/strings'
import type { IdProblem } from '../store/id-problem'

/** The inspector's words for ids and arrows in English and German (every key in both, or the type check fails). */
const en = {
  stepId: 'Step id',
  stepIdHelp: 'Reports, the API and the audit trail name the step by this id. Its arrows follow a new id.',
  idProblem: (problem: IdProblem, what: 'step' | 'outcome'): string => {
    switch (problem.kind) {
      case 'empty':
        return 'An id must not be empty.'
      case 'too-long':
        return `An id has at most ${problem.max} characters.`
      case 'characters':
        return 'Use only letters without accents, digits, - and _, starting with a letter or digit.'
      case 'taken':
        return what === 'step' ? 'Another step or arrow already has this id.' : 'Another outcome of this step already has this id.'
    }
  },
  idKeep: 'Press Enter to rename, Escape to keep the old id.',
  arrow: 'Arrow',
  arrowFrom: 'From step',
  arrowOutcome: 'By outcome',
  arrowTo: 'To step',
  missingStep: (id: string) => `${id} (no such step)`,
  unknownOutcome: (id: string) => `${id} (no such outcome)`,
  defaultOutcome: 'the default outcome',
  chooseOutcome: 'Choose an outcome…',
  chooseStep: 'Choose a step…',
  notDrawn: 'This arrow cannot be drawn on the canvas:',
  faults: {
    'missing-source': (id: string) => `it starts at “${id}”, which is not a step of this journey.`,
    'missing-target': (id: string) => `it leads to “${id}”, which is not a step of this journey.`,
    'unknown-outcome': (id: string) => `its step has no outcome “${id}”. Reconnect it from one it has, or remove it.`,
  },
  reconnectHint: 'Reconnecting keeps the arrow’s id; an outcome already connected elsewhere is moved here.',
  removeArrow: 'Remove this arrow',
  /** The checkbox that adds an optional group of fields (an offer's instalment plan). */
  groupToggle: (label: string) => `Use ${label.toLowerCase()}`,
  /** An optional choice left to the runtime. */
  defaultChoice: 'Default',
  /** What one item of a list is called, by the kind's id stem (a segment's branch, a split's variant). */
  itemNouns: { branch: 'Branch', variant: 'Variant', band: 'Band', item: 'Item' } as Record<string, string>,
  addItem: (noun: string) => `Add ${noun.toLowerCase()}`,
  moveUp: (name: string) => `Move ${name} up`,
  moveDown: (name: string) => `Move ${name} down`,
  removeItem: (name: string) => `Remove ${name}`,
  weightTotal: (total: number) => (total === 100 ? `Total ${total}%` : `Total ${total}% — must be 100%`),
}

export type InspectorStrings = typeof en

const de: InspectorStrings = {
  stepId: 'Schritt-ID',
  stepIdHelp: 'Berichte, die API und das Protokoll nennen den Schritt bei dieser ID. Seine Pfeile folgen einer neuen ID.',
  idProblem: (problem, what) => {
    switch (problem.kind) {
      case 'empty':
        return 'Eine ID darf nicht leer sein.'
      case 'too-long':
        return `Eine ID hat höchstens ${problem.max} Zeichen.`
      case 'characters':
        return 'Nur Buchstaben ohne Akzente, Ziffern, - und _ verwenden, am Anfang ein Buchstabe oder eine Ziffer.'
      case 'taken':
        return what === 'step' ? 'Ein anderer Schritt oder Pfeil hat diese ID schon.' : 'Ein anderer Ausgang dieses Schritts hat diese ID schon.'
    }
  },
  idKeep: 'Enter benennt um, Escape behält die alte ID.',
  arrow: 'Pfeil',
  arrowFrom: 'Von Schritt',
  arrowOutcome: 'Bei Ausgang',
  arrowTo: 'Zu Schritt',
  missingStep: (id) => `${id} (kein solcher Schritt)`,
  unknownOutcome: (id) => `${id} (kein solcher Ausgang)`,
  defaultOutcome: 'der Standardausgang',
  chooseOutcome: 'Ausgang wählen…',
  chooseStep: 'Schritt wählen…',
  notDrawn: 'Dieser Pfeil kann auf der Arbeitsfläche nicht gezeichnet werden:',
  faults: {
    'missing-source': (id) => `er beginnt bei „${id}“, das kein Schritt dieser Journey ist.`,
    'missing-target': (id) => `er führt zu „${id}“, das kein Schritt dieser Journey ist.`,
    'unknown-outcome': (id) => `sein Schritt hat keinen Ausgang „${id}“. Verbinden Sie ihn von einem vorhandenen neu oder entfernen Sie ihn.`,
  },
  reconnectHint: 'Beim Neuverbinden behält der Pfeil seine ID; ein anderswo verbundener Ausgang wird hierher verlegt.',
  removeArrow: 'Diesen Pfeil entfernen',
  groupToggle: (label) => `${label} verwenden`,
  defaultChoice: 'Standard',
  itemNouns: { branch: 'Zweig', variant: 'Variante', band: 'Stufe', item: 'Eintrag' },
  addItem: (noun) => `${noun} hinzufügen`,
  moveUp: (name) => `${name} nach oben`,
  moveDown: (name) => `${name} nach unten`,
  removeItem: (name) => `${name} entfernen`,
  weightTotal: (total) => (total === 100 ? `Summe ${total} %` : `Summe ${total} % — muss 100 % sein`),
}

const catalogue: Record<Language, InspectorStrings> = { en, de }
export const t: InspectorStrings = catalogue[language]
