import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { openSqlite, type OpenedDatabase } from '../db/open-database'

/** For tests: a real SQLite file in a fresh folder, closed when the test finishes; open it inside a test. */
export function temporaryDatabase(): { file: string; open: () => Promise<OpenedDatabase> } {
  const file = join(mkdtempSync(join(tmpdir(), 'dunwell-auth-')), 'test.sqlite')
  return {
    file,
    open: async () => {
      const opened = await openSqlite(file)
      onTestFinished(() => opened.close())
      return opened
    },
  }
}
