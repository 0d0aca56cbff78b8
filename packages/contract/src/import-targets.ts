/** Where a column's values go in a case. `attributes.<name>` is open-ended; `ignore` drops a column on purpose. */
export const caseTargets = [
  'id',
  'amountDue',
  'balance',
  'currency',
  'dueDate',
  'debtor.firstName',
  'debtor.lastName',
  'debtor.email',
  'debtor.phone',
  'debtor.locale',
  'debtor.timezone',
  'debtor.country',
  'debtor.region',
  'debtor.birthDate',
  'debtor.address.line1',
  'debtor.address.line2',
  'debtor.address.postalCode',
  'debtor.address.city',
  'debtor.address.country',
] as const
export type CaseTarget = (typeof caseTargets)[number]
export type Target = CaseTarget | `attributes.${string}` | 'ignore'

/** How a column found its target. */
export type ColumnSource = 'name' | 'alias' | 'given' | 'mapping' | 'unmapped' | 'ignored'
