/**
 * Every text the runtime itself writes to a debtor, in English. The German catalogue is typed by this one, so a key
 * missing there fails the type check. Grouped by page so that the debtor portal can add its own groups.
 */
export const en = {
  language: 'English',
  page: {
    brand: 'Payment and contact',
  },
  channels: {
    email: 'emails',
    sms: 'text messages',
    whatsapp: 'WhatsApp messages',
    letter: 'letters',
    call: 'calls',
    all: 'messages',
  } as Record<string, string>,
  invalidLink: {
    title: 'This link is not valid',
    body: 'It may have been copied incompletely. Please open the link from the message again, or contact the sender.',
  },
  erasedLink: {
    title: 'This link is no longer in use',
    body: 'The information it led to has been deleted. If you have a question, please contact the sender.',
  },
  expiredLink: {
    title: 'This link has expired',
    body: 'For your security, links in our messages work for a limited time. Please use the link in our most recent message, or contact the sender.',
  },
  optout: {
    askTitle: (what: string) => `Stop ${what} about this invoice?`,
    askBody: (what: string) => `We will not send you ${what} about it any more.`,
    button: 'Unsubscribe',
    doneTitle: 'You are unsubscribed',
    doneBody: (what: string) => `You will not receive ${what} from us about this invoice any more.`,
  },
  pay: {
    openTitle: (amount: string) => `${amount} is open`,
    dueSince: (date: string) => `Due since ${date}.`,
    openBody: 'Your creditor’s payment page takes it from here.',
    nothingOpenTitle: 'Nothing is open',
    nothingOpenBody: 'Thank you.',
    amountLabel: 'Amount open',
    dueDateLabel: 'Due date',
  },
  optOutLine: {
    reply: ' Reply STOP to opt out.',
    html: (link: string) => `To stop receiving emails from us at this address, <a href="${link}">unsubscribe here</a>.`,
    text: (url: string) => `To stop receiving emails from us at this address, unsubscribe here: ${url}`,
  },
}

export type Catalogue = typeof en
