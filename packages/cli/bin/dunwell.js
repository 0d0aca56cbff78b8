#!/usr/bin/env node
// Runs the TypeScript sources directly (through tsx), so the workspace needs no build step.
import { register } from 'tsx/esm/api'

register()
const { main, nodeIo } = await import('../src/main.ts')
process.exitCode = await main(process.argv.slice(2), nodeIo())
