import type { Command } from '../command'
import { compileJourney } from './compile'
import { diffVersions } from './diff'
import { formatJourneys } from './format'
import { manageKeys } from './keys'
import { explainPolicyCommand } from './policy'
import { serveRuntime } from './serve'
import { simulateJourney } from './simulate'
import { validateJourneys } from './validate'

/** Every `dunwell` command, in the order `dunwell --help` lists them. A new command is a `Command` added here. */
export const commands: readonly Command[] = [
  validateJourneys,
  compileJourney,
  formatJourneys,
  diffVersions,
  simulateJourney,
  serveRuntime,
  manageKeys,
  explainPolicyCommand,
]
