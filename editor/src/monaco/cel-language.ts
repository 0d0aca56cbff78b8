import { expressionVariables } from '@dunwell/journey'
import { celCompletions, celHover, type CelCompletionKind } from './cel-completions'
import { monaco } from './setup'

export const CEL_LANGUAGE = 'cel'

/** Colours come from Monaco's own theme: roots as predefined variables, functions as types, fields as variables. */
const tokens: monaco.languages.IMonarchLanguage & Record<string, unknown> = {
  defaultToken: 'invalid',
  roots: Object.keys(expressionVariables),
  keywords: ['true', 'false', 'null', 'in'],
  functions: [
    'has',
    'size',
    'timestamp',
    'duration',
    'int',
    'uint',
    'double',
    'string',
    'bool',
    'bytes',
    'dyn',
    'exists',
    'all',
    'exists_one',
    'filter',
    'map',
  ],
  symbols: /[=><!?:&|+\-*/%]+/,
  operators: ['==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', '+', '-', '*', '/', '%', '?', ':'],
  escapes: /\\(?:[abfnrtv\\"'`?]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|[0-7]{3})/,
  tokenizer: {
    root: [
      // A name after a dot is a field or a method, never a root or a keyword.
      [/(\.)([a-zA-Z_]\w*)(?=\s*\()/, ['delimiter', 'type']],
      [/(\.)([a-zA-Z_]\w*)/, ['delimiter', 'variable']],
      [/[a-zA-Z_]\w*(?=\s*\()/, { cases: { '@functions': 'type', '@default': 'identifier' } }],
      [/[a-zA-Z_]\w*/, { cases: { '@roots': 'variable.predefined', '@keywords': 'keyword', '@default': 'identifier' } }],
      { include: '@whitespace' },
      [/[()[\]{}]/, '@brackets'],
      [/[,.]/, 'delimiter'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': 'invalid' } }],
      [/0x[0-9a-fA-F]+u?/, 'number.hex'],
      [/\d+\.\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+/, 'number.float'],
      [/\d+u?/, 'number'],
      [/[rR]?"""/, 'string', '@tripleDouble'],
      [/[rR]?'''/, 'string', '@tripleSingle'],
      [/[rRbB]?"/, 'string', '@double'],
      [/[rRbB]?'/, 'string', '@single'],
    ],
    whitespace: [
      [/\s+/, 'white'],
      [/\/\/.*$/, 'comment'],
    ],
    double: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
    single: [
      [/[^\\']+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/'/, 'string', '@pop'],
    ],
    tripleDouble: [
      [/"""/, 'string', '@pop'],
      [/[^"]+|"/, 'string'],
    ],
    tripleSingle: [
      [/'''/, 'string', '@pop'],
      [/[^']+|'/, 'string'],
    ],
  },
}

const kinds: Record<CelCompletionKind, monaco.languages.CompletionItemKind> = {
  variable: monaco.languages.CompletionItemKind.Variable,
  field: monaco.languages.CompletionItemKind.Field,
  function: monaco.languages.CompletionItemKind.Function,
  method: monaco.languages.CompletionItemKind.Method,
  keyword: monaco.languages.CompletionItemKind.Keyword,
}

/** Fields and roots first, then functions and methods, keywords last; in their declared order within each. */
const rank: Record<CelCompletionKind, string> = { field: '0', variable: '1', method: '2', function: '2', keyword: '3' }

let registered = false

/** Registers CEL with Monaco once: highlighting, brackets, suggestions of the declared fields and functions, and their types on hover. */
export function registerCel(): void {
  if (registered) return
  registered = true
  monaco.languages.register({ id: CEL_LANGUAGE, aliases: ['CEL', 'Common Expression Language'] })
  monaco.languages.setMonarchTokensProvider(CEL_LANGUAGE, tokens)
  monaco.languages.setLanguageConfiguration(CEL_LANGUAGE, {
    comments: { lineComment: '//' },
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: "'", close: "'", notIn: ['string'] },
      { open: '"', close: '"', notIn: ['string'] },
    ],
  })
  monaco.languages.registerCompletionItemProvider(CEL_LANGUAGE, {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const before = model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column))
      const { items, replace } = celCompletions(before)
      const range = new monaco.Range(position.lineNumber, position.column - replace, position.lineNumber, position.column)
      return {
        suggestions: items.map((item, index) => ({
          label: item.label,
          kind: kinds[item.kind],
          detail: item.detail,
          ...(item.documentation ? { documentation: item.documentation } : {}),
          insertText: item.insertText,
          ...(item.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
          sortText: `${rank[item.kind]}${String(index).padStart(3, '0')}`,
          range,
        })),
      }
    },
  })
  monaco.languages.registerHoverProvider(CEL_LANGUAGE, {
    provideHover(model, position) {
      const hover = celHover(model.getValue(), model.getOffsetAt(position))
      if (!hover) return undefined
      const start = model.getPositionAt(hover.start)
      const end = model.getPositionAt(hover.end)
      return { range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), contents: [{ value: hover.contents }] }
    },
  })
}
