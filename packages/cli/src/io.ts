import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'

/** What a command may touch of the outside world, so that tests can run it in-process. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readFile: (path: string) => Promise<string>
  writeFile: (path: string, text: string) => Promise<void>
  /** Resolves a path the user typed. */
  resolvePath: (path: string) => string
}

export function nodeIo(): CliIo {
  // `pnpm dunwell …` runs in the workspace root; INIT_CWD is where the user typed it.
  const base = process.env.INIT_CWD ?? process.cwd()
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    resolvePath: (path) => resolve(base, path),
  }
}

export class UsageError extends Error {}

export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return 'no such file'
  if (error && typeof error === 'object' && 'code' in error && error.code === 'EISDIR') return 'is a folder, not a file'
  return error instanceof Error ? error.message : String(error)
}
