/** A case as the runtime takes it (the wire's CaseInput): what the preview renders a template for. */
export interface SampleCase {
  id: string
  debtor: {
    firstName?: string
    lastName?: string
    email?: string
    phone?: string
    address?: { lines: string[]; postalCode?: string; city: string; country: string }
    locale?: string
    timezone?: string
    country?: string
    region?: string
    birthDate?: string
  }
  amountDue: number
  balance?: number
  currency: string
  dueDate: string
  attributes?: Record<string, unknown>
}

/** Built-in sample debtors for the preview: no real person's data. */
export const sampleCases: { label: string; sample: SampleCase }[] = [
  {
    label: 'Anna Schmidt · de · Berlin · €84.50',
    sample: {
      id: 'preview-anna',
      debtor: {
        firstName: 'Anna',
        lastName: 'Schmidt',
        email: 'anna.schmidt@example.org',
        phone: '+4915112345678',
        address: { lines: ['Anna Schmidt', 'Hauptstraße 12'], postalCode: '10115', city: 'Berlin', country: 'DE' },
        locale: 'de',
        timezone: 'Europe/Berlin',
        country: 'DE',
      },
      amountDue: 84.5,
      currency: 'EUR',
      dueDate: '2026-10-15',
    },
  },
  {
    label: "Liam O'Connor · en · Dublin · €129.00",
    sample: {
      id: 'preview-liam',
      debtor: {
        firstName: 'Liam',
        lastName: "O'Connor",
        email: 'liam.oconnor@example.com',
        phone: '+353851234567',
        address: { lines: ["Liam O'Connor", '4 Parnell Street'], postalCode: 'D01 F5P2', city: 'Dublin', country: 'IE' },
        locale: 'en',
        timezone: 'Europe/Dublin',
        country: 'IE',
      },
      amountDue: 129,
      currency: 'EUR',
      dueDate: '2026-11-02',
    },
  },
]
