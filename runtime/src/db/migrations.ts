import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { keyEvents } from './migrations/0005-key-events'

/** Ordered by name; each runs once, in a transaction, on start. Never edit one that has shipped: add the next. */
export const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<any>) {
      const bigint = 'bigint' as const
      await db.schema
        .createTable('journeys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('draft', 'text')
        .addColumn('created_at', bigint, (c) => c.notNull())
        .addColumn('updated_at', bigint, (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('journey_versions')
        .addColumn('journey_id', 'text', (c) => c.notNull().references('journeys.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('trigger_event', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('published_at', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('journey_versions_pk', ['journey_id', 'version'])
        .execute()
      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('debtor', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('amount_due', bigint, (c) => c.notNull())
        .addColumn('balance', bigint, (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('created_at', bigint, (c) => c.notNull())
        .addColumn('updated_at', bigint, (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('case_holds')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('since', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('case_holds_pk', ['case_id', 'kind'])
        .execute()
      await db.schema
        .createTable('optouts')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('at', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('optouts_pk', ['case_id', 'channel'])
        .execute()
      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('at', bigint, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('received_at', bigint, (c) => c.notNull())
        .addColumn('processed_at', bigint)
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', bigint)
        .execute()
      await db.schema.createIndex('events_due').on('events').columns(['processed_at', 'at']).execute()
      await db.schema.createIndex('events_case').on('events').columns(['case_id', 'at']).execute()
      await db.schema
        .createTable('enrolments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('journey_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('steps', 'integer', (c) => c.notNull())
        .addColumn('entered_at', bigint, (c) => c.notNull())
        .addColumn('updated_at', bigint, (c) => c.notNull())
        .addColumn('ended_at', bigint)
        .execute()
      await db.schema.createIndex('enrolments_case').on('enrolments').columns(['case_id', 'journey_id']).execute()
      await db.schema.createIndex('enrolments_journey').on('enrolments').columns(['journey_id', 'status']).execute()
      await db.schema
        .createTable('timers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enrolment_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('due_at', bigint, (c) => c.notNull())
        .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', bigint)
        .execute()
      await db.schema.createIndex('timers_due').on('timers').columns(['held', 'due_at']).execute()
      await db.schema.createIndex('timers_enrolment').on('timers').columns(['enrolment_id']).execute()
      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enrolment_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('journey_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('template', 'text')
        .addColumn('locale', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('recipient', 'text')
        .addColumn('subject', 'text')
        .addColumn('html', 'text')
        .addColumn('text', 'text')
        .addColumn('created_at', bigint, (c) => c.notNull())
        .addColumn('sent_at', bigint)
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', bigint)
        .execute()
      await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'created_at']).execute()
      await db.schema.createIndex('outbox_case').on('outbox').columns(['case_id', 'channel', 'created_at']).execute()
      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('outbox_id', 'text', (c) => c.notNull().unique())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('enrolment_id', 'text', (c) => c.notNull())
        .addColumn('queue', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('script', 'text')
        .addColumn('claimed_by', 'text')
        .addColumn('outcome', 'text')
        .addColumn('created_at', bigint, (c) => c.notNull())
        .addColumn('completed_at', bigint)
        .execute()
      await db.schema.createIndex('tasks_queue').on('tasks').columns(['queue', 'status', 'priority']).execute()
      await db.schema
        .createTable('audit')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('enrolment_id', 'text')
        .addColumn('at', bigint, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('audit_case').on('audit').columns(['case_id', 'id']).execute()
      await db.schema
        .createTable('split_assignments')
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('journey_id', 'text', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('variant', 'text', (c) => c.notNull())
        .addColumn('assigned_at', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('split_assignments_pk', ['case_id', 'journey_id', 'node_id'])
        .execute()
    },
  },
  '0002-api-keys': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute()
      await db.schema.createIndex('api_keys_prefix').on('api_keys').column('prefix').execute()
    },
  },
  '0003-settings': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute()
    },
  },
  '0004-case-imports': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('import_mappings')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('columns', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('case_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('file_name', 'text')
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('stored', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .execute()
      await db.schema
        .createTable('case_import_lines')
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('column_name', 'text')
        .addColumn('message', 'text')
        .execute()
      await db.schema.createIndex('case_import_lines_import').on('case_import_lines').columns(['import_id', 'seq']).execute()
      await db.schema
        .createTable('case_import_staging')
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_import_staging_pk', ['import_id', 'seq'])
        .execute()
      await db.schema
        .createTable('case_import_ids')
        .addColumn('import_key', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_import_ids_pk', ['import_key', 'case_id'])
        .execute()
    },
  },
  '0005-event-keys-and-erasure': { up: keyEvents },
  '0006-outbox-in-flight': {
    // When a message was handed to its provider and the outcome not yet recorded: after a crash, the entries
    // interrupted in that moment are known (and resent with the same idempotency key and Message-ID).
    async up(db: Kysely<any>) {
      await db.schema.alterTable('outbox').addColumn('sending_since', 'bigint').execute()
    },
  },
  '0007-task-claimant': {
    // Which key claimed a call task: only it (or a supervisor) completes it.
    async up(db: Kysely<any>) {
      await db.schema.alterTable('tasks').addColumn('claimed_key', 'text').execute()
    },
  },
  '0008-pending-and-lease-indexes': {
    // The engine's hot queries, kept small under a backlog: the pending events in the order they are claimed (no sort
    // of 200,000 rows per claim; it replaces `events_due`, which only ever served `processed_at is null`), and the
    // leases a commit releases (no scan of every event ever stored, per commit).
    async up(db: Kysely<any>) {
      await db.schema.dropIndex('events_due').execute()
      await db.schema.createIndex('events_pending').on('events').columns(['at', 'key', 'id']).where(sql.ref('processed_at'), 'is', null).execute()
      await db.schema.createIndex('events_leased').on('events').column('lease_owner').where(sql.ref('lease_owner'), 'is not', null).execute()
      await db.schema.createIndex('timers_leased').on('timers').column('lease_owner').where(sql.ref('lease_owner'), 'is not', null).execute()
    },
  },
  '0009-enrolment-outranked-by': {
    // A journey of higher priority took the case: the enrolment waits, paused, for that one to end (journey priority).
    async up(db: Kysely<any>) {
      await db.schema.alterTable('enrolments').addColumn('outranked_by', 'text').execute()
    },
  },
  '0010-message-deliveries-and-due-dates': {
    // What became of each message after it was queued (hand-overs and the provider's reports), keyed so that a
    // provider's retried callback is one entry; and cases by due date and by creation, for the entry by days past due.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('message_deliveries')
        .addColumn('outbox_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('message_deliveries_pk', ['outbox_id', 'key'])
        .execute()
      await db.schema.createIndex('cases_due_date').on('cases').column('due_date').where(sql.ref('erased_at'), 'is', null).execute()
      await db.schema.createIndex('cases_created').on('cases').column('created_at').where(sql.ref('erased_at'), 'is', null).execute()
    },
  },
  // Instalments live in their plan's row as JSON: they are always read and written with it, and a plan has at most 120.
  '0011-promises-and-plans': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('arrangements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('via', 'text')
        .addColumn('interval', 'text')
        .addColumn('grace_days', 'integer', (c) => c.notNull())
        .addColumn('misses_to_break', 'integer', (c) => c.notNull())
        .addColumn('instalments', 'text', (c) => c.notNull())
        .addColumn('payments', 'text', (c) => c.notNull())
        .addColumn('made_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('arrangements_case').on('arrangements').columns(['case_id', 'made_at']).execute()
    },
  },
  '0013-portal-documents-and-preferences': {
    // What a debtor gives through the portal: a dispute's document (bytes kept here, never served as a page), and
    // their contact preferences (one row per case, read by policy and journeys).
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'blob', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('documents_case').on('documents').column('case_id').execute()
      await db.schema
        .createTable('debtor_preferences')
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text')
        .addColumn('time_of_day', 'text')
        .addColumn('locale', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
    },
  },
  '0014-offers': {
    // What a journey step offered the debtor (paying in part, a plan, a promise, with their rules as JSON), until
    // when: the portal reads it through the step of the message whose link the debtor opened.
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('offers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('enrolment_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('journey_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('terms', 'text', (c) => c.notNull())
        .addColumn('made_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('offers_case').on('offers').columns(['case_id', 'made_at']).execute()
      await db.schema.createIndex('offers_enrolment').on('offers').columns(['enrolment_id', 'made_at']).execute()
    },
  },
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
}
