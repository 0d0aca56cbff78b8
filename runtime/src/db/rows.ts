import type { Selectable } from 'kysely'
import type { ArrangementRecord, CaseRecord, EnrolmentRecord, OfferRecord } from '../engine/records'
import type { ArrangementsTable, CasesTable, EnrolmentsTable, OffersTable } from './database'

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

export function arrangementFromRow(row: Selectable<ArrangementsTable>): ArrangementRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind,
    status: row.status,
    via: row.via,
    interval: row.interval,
    graceDays: row.grace_days,
    missesToBreak: row.misses_to_break,
    instalments: JSON.parse(row.instalments),
    payments: JSON.parse(row.payments),
    madeAt: Number(row.made_at),
    updatedAt: Number(row.updated_at),
  }
}

export function offerFromRow(row: Selectable<OffersTable>): OfferRecord {
  return {
    id: row.id,
    enrolmentId: row.enrolment_id,
    caseId: row.case_id,
    journeyId: row.journey_id,
    version: row.version,
    nodeId: row.node_id,
    terms: JSON.parse(row.terms),
    madeAt: Number(row.made_at),
    expiresAt: Number(row.expires_at),
  }
}
