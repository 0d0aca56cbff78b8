import { existsSync } from 'node:fs'
import { createApiKey, isRole, listApiKeys, openSqlite, revokeApiKey, roles, type ApiKeyInfo, type OpenedDatabase } from '@dunwell/runtime'
import type { Command } from '../command'
import { UsageError, type CliIo } from '../io'

export const manageKeys: Command = {
  name: 'keys',
  synopsis: [
    'dunwell keys create --role <role> --name <name> [--db <file>]',
    'dunwell keys list [--json] [--db <file>]',
    'dunwell keys revoke <id> [--db <file>]',
  ],
  summary: 'create, list and revoke the API keys of a runtime database',
  description: `Manages the API keys of a runtime database (--db, else $DUNWELL_DB, else ./dunwell.sqlite).\nRoles: ${roles.join(', ')}. A new key is printed once, alone on stdout; only its hash is stored.`,
  options: {
    role: { type: 'string', value: 'role', description: `create: the key's role (${roles.join(', ')})` },
    name: { type: 'string', value: 'name', description: 'create: who or what uses the key' },
    json: { type: 'boolean', description: 'list: print the keys as JSON' },
    db: { type: 'string', value: 'file', description: 'the database (else $DUNWELL_DB, else ./dunwell.sqlite)' },
  },
  run: (io, args, options) => keysCommand(io, args, options as unknown as KeysOptions),
}

export interface KeysOptions {
  role?: string
  name?: string
  db?: string
  json: boolean
}

async function openDatabase(io: CliIo, options: KeysOptions, create: boolean): Promise<{ opened: OpenedDatabase; path: string }> {
  const path = io.resolvePath(options.db ?? (process.env.DUNWELL_DB || 'dunwell.sqlite'))
  // Only `create` may start a database: a mistyped path must not list or revoke in an empty new file.
  if (!create && !existsSync(path)) throw new Error(`no database at ${path} (pass --db <file> or set DUNWELL_DB)`)
  return { opened: await openSqlite(path), path }
}

function date(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '-'
}

function table(keys: ApiKeyInfo[]): string {
  const rows = [
    ['ID', 'PREFIX', 'ROLE', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'],
    ...keys.map((k) => [k.id, `${k.prefix}…`, k.role, k.name, date(k.createdAt), date(k.lastUsedAt), date(k.revokedAt)]),
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

export async function keysCommand(io: CliIo, args: string[], options: KeysOptions): Promise<number> {
  const [action, ...rest] = args
  switch (action) {
    case 'create': {
      if (rest.length > 0) throw new UsageError('keys create takes no arguments, only --role and --name')
      if (!options.role) throw new UsageError(`keys create needs --role <role>: one of ${roles.join(', ')}`)
      if (!isRole(options.role)) throw new UsageError(`unknown role "${options.role}": use one of ${roles.join(', ')}`)
      if (!options.name?.trim()) throw new UsageError('keys create needs --name <name>, e.g. the system or person that will use the key')
      const { opened, path } = await openDatabase(io, options, true)
      try {
        const created = await createApiKey(opened.db, { name: options.name, role: options.role })
        io.stdout(`${created.key}\n`)
        io.stderr(
          `Created ${created.role} key "${created.name}" (${created.id}) in ${path}.\nStore it now, in a secret manager: it is shown only this once and cannot be recovered.\n`,
        )
        return 0
      } finally {
        await opened.close()
      }
    }
    case 'list': {
      if (rest.length > 0) throw new UsageError('keys list takes no arguments')
      const { opened } = await openDatabase(io, options, false)
      try {
        const keys = await listApiKeys(opened.db)
        if (options.json) io.stdout(`${JSON.stringify(keys, null, 2)}\n`)
        else io.stdout(keys.length === 0 ? 'No API keys yet (create one with `dunwell keys create`).\n' : `${table(keys)}\n`)
        return 0
      } finally {
        await opened.close()
      }
    }
    case 'revoke': {
      const [id, ...extra] = rest
      if (!id || extra.length > 0) throw new UsageError('keys revoke takes exactly one key id (see `dunwell keys list`)')
      const { opened } = await openDatabase(io, options, false)
      try {
        const result = await revokeApiKey(opened.db, id)
        if (result === 'not-found') {
          io.stderr(`dunwell: no key with id "${id}" (see \`dunwell keys list\`)\n`)
          return 1
        }
        io.stdout(result === 'revoked' ? `Revoked ${id}. A running server stops accepting it within a few seconds.\n` : `${id} was already revoked.\n`)
        return 0
      } finally {
        await opened.close()
      }
    }
    default:
      throw new UsageError(action ? `unknown keys command "${action}": use create, list or revoke` : 'keys needs a command: create, list or revoke')
  }
}
