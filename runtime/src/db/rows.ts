import type { Selectable } from 'kysely'
import type { CaseRecord, EnrolmentRecord } from '../engine/records'
import type { CasesTable, EnrolmentsTable } from './database'

export function caseFromRow(row: Selectable<CasesTable>): CaseRecord {
  return {
    id: row.id,
    debtor: JSON.parse(row.debtor),
    currency: row.currency,
    amountDue: Number(row.amount_due),
    balance: Number(row.balance),
    dueDate: row.due_date,
    attributes: JSON.parse(row.attributes),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  }
}

export function enrolmentFromRow(row: Selectable<EnrolmentsTable>): EnrolmentRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    journeyId: row.journey_id,
    version: row.version,
    node: row.node,
    status: row.status,
    outcome: row.outcome,
    steps: row.steps,
    enteredAt: Number(row.entered_at),
    updatedAt: Number(row.updated_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    outrankedBy: row.outranked_by ?? null,
  }
}
