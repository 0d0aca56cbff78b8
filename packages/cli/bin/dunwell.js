#!/usr/bin/env node
// In this repository the command runs its TypeScript sources through tsx, so the workspace needs no build step;
// installed from its package (which holds dist/, not src/) it runs the build.
import { existsSync } from 'node:fs'

const sources = new URL('../src/main.ts', import.meta.url)
let cli
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import(sources.href)
} else {
  cli = await import('../dist/main.mjs')
}
process.exitCode = await cli.main(process.argv.slice(2), cli.nodeIo())
