import type { TemplateProblem } from './check-liquid'

interface MjmlError {
  line: number
  message: string
  tagName: string
}

let mjml:
  | {
      parse: (source: string, options: object) => unknown
      validate: (ast: unknown, options: object) => MjmlError[]
      options: object
    }
  | undefined

/**
 * MJML's own parser and validator, synchronously (mjml2html is async and also renders). They need Node: in a browser
 * (the editor) this returns undefined and the server checks MJML when a draft is saved or published.
 */
function loadMjml() {
  const nodeModule = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule?.('node:module') as
    | { createRequire: (url: string) => (id: string) => any }
    | undefined
  if (!nodeModule) return undefined
  const require = nodeModule.createRequire(import.meta.url)
  if (!mjml) {
    require('mjml') // registers the standard components
    const core = require('mjml-core')
    const validator = require('mjml-validator')
    mjml = {
      parse: require('mjml-parser-xml'),
      validate: validator.default,
      options: { components: core.components, dependencies: validator.dependencies, initializeType: core.initializeType },
    }
  }
  return mjml
}

export function checkMjml(source: string): TemplateProblem[] {
  const trimmed = source.trim()
  if (!trimmed.startsWith('<mjml')) return [{ severity: 'error', message: 'an email body must be MJML, starting with <mjml>' }]
  if (!trimmed.endsWith('</mjml>')) return [{ severity: 'error', message: 'MJML: <mjml> is not closed' }]
  const loaded = loadMjml()
  if (!loaded) return []
  const { parse, validate, options } = loaded
  try {
    const ast = parse(source, { keepComments: false, components: (options as { components: unknown }).components, ignoreIncludes: true, filePath: '.' })
    return validate(ast, options).map((error) => ({
      severity: 'error' as const,
      message: `MJML line ${error.line} <${error.tagName}>: ${error.message.trim()}`,
    }))
  } catch (error) {
    return [{ severity: 'error', message: `MJML: ${error instanceof Error ? error.message : String(error)}` }]
  }
}
