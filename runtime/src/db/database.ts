import type { ColumnType, Generated } from 'kysely'
import type { MessageStatus } from '@dunwell/contract'
import type { EventSource } from './event-row-id'

/** Times are milliseconds since the epoch (UTC); money is in minor units (cents); JSON columns are text. */
export interface Database {
  journeys: JourneysTable
  journey_versions: JourneyVersionsTable
  cases: CasesTable
  case_holds: CaseHoldsTable
  optouts: OptoutsTable
  events: EventsTable
  enrolments: EnrolmentsTable
  timers: TimersTable
  outbox: OutboxTable
  message_deliveries: MessageDeliveriesTable
  tasks: TasksTable
  audit: AuditTable
  split_assignments: SplitAssignmentsTable
  api_keys: ApiKeysTable
  settings: SettingsTable
  import_mappings: ImportMappingsTable
  case_imports: CaseImportsTable
  case_import_lines: CaseImportLinesTable
  case_import_staging: CaseImportStagingTable
  case_import_ids: CaseImportIdsTable
  arrangements: ArrangementsTable
  documents: DocumentsTable
  debtor_preferences: DebtorPreferencesTable
  offers: OffersTable
}

export interface JourneysTable {
  id: string
  name: string
  /** `active` journeys enrol cases; `paused` ones keep their enrolments but enrol no one; `archived` are read-only. */
  status: 'active' | 'paused' | 'archived'
  /** The working copy (JSON), or null when it equals the latest version. */
  draft: string | null
  created_at: number
  updated_at: number
}

export interface JourneyVersionsTable {
  journey_id: string
  version: number
  document: string
  config: string
  trigger: string
  trigger_event: string
  note: string | null
  published_at: number
}

export interface CasesTable {
  id: string
  debtor: string
  currency: string
  amount_due: number
  balance: number
  due_date: string
  attributes: string
  created_at: number
  updated_at: number
  /** When the debtor's personal data was erased (GDPR); the case then takes no more events, updates or links. */
  erased_at: ColumnType<number | null, number | null | undefined, number | null>
}

export interface CaseHoldsTable {
  case_id: string
  /** `dispute`, `hardship` or `legal`. */
  kind: string
  since: number
}

export interface OptoutsTable {
  case_id: string
  /** A channel, or `all`. */
  channel: string
  at: number
}

export interface EventsTable {
  /** `eventRowId(source, case_id, key)`: the same key twice for a case and source is one event. */
  id: string
  case_id: string
  /** Who chose the key: `client` or `runtime` (see `event-row-id.ts`). */
  source: EventSource
  /** The idempotency key as its sender chose it; null once the case is erased. */
  key: string | null
  type: string
  at: number
  data: string
  received_at: number
  processed_at: number | null
  lease_owner: string | null
  lease_until: number | null
}

export interface EnrolmentsTable {
  id: string
  case_id: string
  journey_id: string
  version: number
  /** The node (state) the case is at. */
  node: string
  status: 'active' | 'paused' | 'done' | 'stopped'
  outcome: string | null
  /** Steps taken so far: makes the ids of what a step produces deterministic. */
  steps: number
  entered_at: number
  updated_at: number
  ended_at: number | null
  /** While paused for a journey of higher priority: that journey's enrolment (migration 0009). */
  outranked_by: string | null
}

export interface TimersTable {
  id: string
  enrolment_id: string
  case_id: string
  node_id: string
  /** `wake` ends a wait; `deliver` retries a deferred message; `due` checks an instalment or promise (migration 0011). */
  kind: 'wake' | 'deliver' | 'due'
  due_at: number
  /** 1 while the enrolment is paused (dispute, hardship, legal hold). */
  held: number
  lease_owner: string | null
  lease_until: number | null
}

export interface OutboxTable {
  id: string
  enrolment_id: string
  case_id: string
  journey_id: string
  version: number
  node_id: string
  channel: string
  template: string | null
  locale: string | null
  status: MessageStatus
  reason: string | null
  recipient: string | null
  subject: string | null
  html: string | null
  text: string | null
  created_at: number
  sent_at: number | null
  attempts: number
  lease_owner: string | null
  lease_until: number | null
  /** Handed to the provider at this time, outcome not yet recorded (a crash in that moment leaves it set). */
  sending_since: number | null
}

export interface MessageDeliveriesTable {
  outbox_id: string
  /** `attempt/<n>` for a hand-over, `provider/<status>` for a provider's report (its retries are one entry). */
  key: string
  at: number
  status: MessageStatus
  reason: string | null
  source: 'runtime' | 'provider'
}

export interface TasksTable {
  id: string
  outbox_id: string
  case_id: string
  enrolment_id: string
  queue: string
  priority: number
  /** `cancelled` when its case was erased: no one can claim or complete it. */
  status: 'open' | 'claimed' | 'done' | 'cancelled'
  script: string | null
  claimed_by: string | null
  /** The API key (principal id) that claimed the task: only it, or a supervisor, may complete it. */
  claimed_key: string | null
  outcome: string | null
  created_at: number
  completed_at: number | null
}

export interface AuditTable {
  id: Generated<number>
  case_id: string
  enrolment_id: string | null
  at: number
  kind: string
  node_id: string | null
  detail: string
}

export interface SplitAssignmentsTable {
  case_id: string
  journey_id: string
  node_id: string
  variant: string
  assigned_at: number
}

/** API keys, stored as a SHA-256 hash: the key text is shown once at creation and kept nowhere. */
export interface ApiKeysTable {
  id: string
  name: string
  /** `admin`, `editor`, `ingest` or `viewer` (see `auth/permissions.ts`). */
  role: string
  /** Hex SHA-256 of the whole key. */
  hash: string
  /** The key's first characters, shown to people to tell keys apart; also how a key is looked up. */
  prefix: string
  created_at: number
  /** Written at most once a minute per key. */
  last_used_at: number | null
  revoked_at: number | null
}

/** The runtime's own settings that must survive restarts, e.g. the secret that signs links. */
export interface SettingsTable {
  key: string
  value: string
}

/** A saved column mapping and settings for a file that comes again (a finance team's weekly export). */
export interface ImportMappingsTable {
  name: string
  /** JSON: header → target. */
  columns: string
  /** JSON: encoding, separator, decimal, thousands, dateFormat, currency. */
  settings: string
  updated_at: number
}

/** One import of a file of cases: what was used and what came of it. */
export interface CaseImportsTable {
  id: string
  file_name: string | null
  format: string
  settings: string
  counts: string
  stored: number
  started_at: number
  finished_at: number | null
}

/** Each line's outcome, for the downloadable report; messages never quote the file's values (personal data). */
export interface CaseImportLinesTable {
  import_id: string
  /** The order lines were written in (a line with several problems has several rows). */
  seq: number
  line: number
  case_id: string | null
  /** `created`, `updated`, `refused`, or `warning` (a line stored with a warning has both). */
  outcome: string
  column_name: string | null
  message: string | null
}

/** Cases of an all-or-nothing import, held until every line has been read. */
export interface CaseImportStagingTable {
  import_id: string
  seq: number
  body: string
}

/** The ids an import in progress has read, with their first line: duplicates are found without holding them in memory. */
export interface CaseImportIdsTable {
  import_key: string
  case_id: string
  line: number
}

/** A promise to pay or an instalment plan of a case (migration 0011); a promise has one instalment. */
export interface ArrangementsTable {
  id: string
  case_id: string
  kind: 'promise' | 'plan'
  status: 'active' | 'kept' | 'completed' | 'broken' | 'replaced'
  via: string | null
  interval: string | null
  grace_days: number
  misses_to_break: number
  /** JSON: `[{dueDate, amount, paid, missed}]`, amounts in minor units. */
  instalments: string
  /** JSON: `[{id, allocations: [{index, amount}]}]`: what each payment paid, for its reversal. */
  payments: string
  made_at: number
  updated_at: number
}

/** A document a debtor uploaded (a dispute's evidence): PDF, JPEG or PNG by its bytes, at most 5 MB. */
export interface DocumentsTable {
  id: string
  case_id: string
  /** `application/pdf`, `image/jpeg` or `image/png`, as its first bytes say (never what the browser claimed). */
  media_type: string
  size: number
  bytes: Buffer
  created_at: number
}

/** How the debtor wants to be reached, as they said in the portal; null where they left it open. */
export interface DebtorPreferencesTable {
  case_id: string
  channel: string | null
  /** `morning`, `afternoon` or `evening`. */
  time_of_day: string | null
  locale: string | null
  updated_at: number
}

export interface OffersTable {
  id: string
  enrolment_id: string
  case_id: string
  journey_id: string
  version: number
  node_id: string
  /** JSON: `{payInPart?: {minAmount?}, plan?: {minInstalment, maxCount, intervals, bands?}, promise?: {maxDays}}`, amounts in major units. */
  terms: string
  made_at: number
  expires_at: number
}
