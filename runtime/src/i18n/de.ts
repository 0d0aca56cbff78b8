import type { Catalogue } from './en'

/** Every text the runtime writes to a debtor, in German (formal "Sie"). */
export const de: Catalogue = {
  language: 'Deutsch',
  page: {
    brand: 'Zahlung und Kontakt',
  },
  channels: {
    email: 'E-Mails',
    sms: 'SMS',
    whatsapp: 'WhatsApp-Nachrichten',
    letter: 'Briefe',
    call: 'Anrufe',
    all: 'Nachrichten',
  },
  invalidLink: {
    title: 'Dieser Link ist nicht gültig',
    body: 'Vielleicht wurde er unvollständig kopiert. Bitte öffnen Sie den Link aus der Nachricht noch einmal oder wenden Sie sich an den Absender.',
  },
  erasedLink: {
    title: 'Dieser Link wird nicht mehr verwendet',
    body: 'Die Angaben, zu denen er führte, wurden gelöscht. Bei Fragen wenden Sie sich bitte an den Absender.',
  },
  expiredLink: {
    title: 'Dieser Link ist abgelaufen',
    body: 'Zu Ihrer Sicherheit sind die Links in unseren Nachrichten nur eine bestimmte Zeit gültig. Bitte verwenden Sie den Link aus unserer neuesten Nachricht oder wenden Sie sich an den Absender.',
  },
  optout: {
    askTitle: (what) => `Keine ${what} mehr zu dieser Rechnung?`,
    askBody: (what) => `Wir senden Ihnen dann keine ${what} mehr zu dieser Rechnung.`,
    button: 'Abmelden',
    doneTitle: 'Sie sind abgemeldet',
    doneBody: (what) => `Sie erhalten von uns keine ${what} mehr zu dieser Rechnung.`,
  },
  pay: {
    openTitle: (amount) => `${amount} sind offen`,
    dueSince: (date) => `Fällig seit ${date}.`,
    openBody: 'Die Zahlungsseite Ihres Gläubigers übernimmt ab hier.',
    nothingOpenTitle: 'Nichts ist offen',
    nothingOpenBody: 'Vielen Dank.',
    amountLabel: 'Offener Betrag',
    dueDateLabel: 'Fälligkeitsdatum',
  },
  optOutLine: {
    reply: ' Antworten Sie STOPP zum Abmelden.',
    html: (link) => `Wenn Sie von uns keine E-Mails mehr an diese Adresse erhalten möchten, <a href="${link}">melden Sie sich hier ab</a>.`,
    text: (url) => `Wenn Sie von uns keine E-Mails mehr an diese Adresse erhalten möchten, melden Sie sich hier ab: ${url}`,
  },
}
