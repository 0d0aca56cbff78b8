import { language, type Language } from '../import/strings'

/** The sign-in screen's and the session's words in English and German (every key in both, or the type check fails). */
const en = {
  title: 'Sign in to Dunwell',
  intro: 'This server needs an API key. Ask your administrator for one (“dunwell keys create”).',
  keyLabel: 'API key',
  keyHint: 'Kept in this browser tab only, until you close it or sign out.',
  submit: 'Sign in',
  checking: 'Checking…',
  wrongKey: 'This key is not valid: it is unknown, revoked or mistyped.',
  unreachable: 'The server cannot be reached. Try again in a moment.',
  signOut: 'Sign out',
  signedInAs: (name: string, role: string) => `Signed in as ${name} (${role})`,
  openMode: 'Development mode: no key needed on this machine',
  roles: { admin: 'admin', editor: 'editor', ingest: 'ingest', viewer: 'viewer' } as Record<string, string>,
  readOnly: 'Read only: your role cannot change journeys',
}

export type SessionStrings = typeof en

const de: SessionStrings = {
  title: 'Bei Dunwell anmelden',
  intro: 'Dieser Server verlangt einen API-Schlüssel. Ihre Administration erstellt ihn („dunwell keys create“).',
  keyLabel: 'API-Schlüssel',
  keyHint: 'Nur in diesem Browser-Tab gespeichert, bis Sie ihn schließen oder sich abmelden.',
  submit: 'Anmelden',
  checking: 'Wird geprüft…',
  wrongKey: 'Dieser Schlüssel ist nicht gültig: unbekannt, widerrufen oder falsch eingegeben.',
  unreachable: 'Der Server ist nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.',
  signOut: 'Abmelden',
  signedInAs: (name, role) => `Angemeldet als ${name} (${role})`,
  openMode: 'Entwicklungsmodus: auf diesem Rechner ohne Schlüssel',
  roles: { admin: 'Administration', editor: 'Bearbeitung', ingest: 'Datenzufuhr', viewer: 'Lesezugriff' },
  readOnly: 'Nur lesen: Ihre Rolle kann Journeys nicht ändern',
}

const catalogue: Record<Language, SessionStrings> = { en, de }
export const s: SessionStrings = catalogue[language]
