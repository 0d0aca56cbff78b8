import { isNodeType, type Diagnostic } from '@dunwell/journey'
import { getAt, type DataPath } from './data-edits'
import { itemNoun } from './field-layout'
import { formModel, modeOf, type Field, type FieldType } from './form-model'

/** A node as the canvas has it: its type may be one this editor does not know. */
type NodeLike = { type: string; data: object }

/** "URL" stays, "When" becomes "when" after another name. */
function inner(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label
}

/**
 * A field of a node's data as the inspector labels it: `['branches', 0, 'when']` is "Branch 1 condition". A path
 * the form does not show ends at its nearest shown parent; undefined when not even the first part is shown.
 */
export function fieldName(node: NodeLike, path: DataPath): { name: string; field: Field } | undefined {
  const kind = node.type
  if (!isNodeType(kind)) return undefined
  let fields = modeOf(formModel(kind), node.data).fields
  let name = ''
  let found: Field | undefined
  let type: FieldType | undefined
  for (let at = 0; at < path.length; at++) {
    const part = path[at]!
    if (type?.kind === 'list' && typeof part === 'number' && found) {
      // An item is named as its card is: "Branch 1".
      name = `${itemNoun(kind, found.key)} ${part + 1}`
      type = type.item
      fields = type.kind === 'object' ? type.fields : []
      continue
    }
    if (type?.kind === 'record' && found) {
      name = `Value of ${String(part)}`
      type = type.value
      continue
    }
    if (type?.kind === 'variants' && found) {
      const chosen = getAt(node.data, [...path.slice(0, at), type.discriminator])
      fields = type.options.find((option) => option.name === chosen)?.fields ?? []
    }
    const field = fields.find((candidate) => candidate.key === part)
    if (!field) break
    name = name ? `${name} ${inner(field.label)}` : field.label
    found = field
    type = field.type
    fields = type.kind === 'object' ? type.fields : []
  }
  return found ? { name, field: found } : undefined
}

/** What is wrong, without what the field's name now says: the schema's `data.template`, an expression's source. */
function bareMessage(diagnostic: Diagnostic, node: NodeLike, path: DataPath, field: Field): string {
  if (diagnostic.code === 'schema') {
    const message = diagnostic.message.replace(/^data(\.[\w-]+|\[\d+\])*\s+/, '')
    const isChoice = field.type.kind === 'enum' || (field.type.kind === 'text' && field.type.format === 'template')
    return isChoice && /^(is required|must not be empty)$/.test(message) ? 'choose one' : message
  }
  if (diagnostic.code === 'bad-expression') {
    const source = getAt(node.data, path)
    const quoted = typeof source === 'string' ? `\`${source}\`: ` : undefined
    const at = quoted ? diagnostic.message.indexOf(quoted) : -1
    if (at >= 0) return diagnostic.message.slice(at + quoted!.length)
  }
  return diagnostic.message
}

/**
 * A problem of a node in the inspector's words: "Template: choose one", "Branch 1 condition: The condition ends
 * too early…". Problems that name no field of the form keep their message.
 */
export function problemText(diagnostic: Diagnostic, node: NodeLike | undefined): string {
  const [collection, , data, ...rest] = diagnostic.path
  if (!node || collection !== 'nodes' || data !== 'data' || rest.length === 0) return diagnostic.message
  const named = fieldName(node, rest)
  if (!named) return diagnostic.message
  return `${named.name}: ${bareMessage(diagnostic, node, rest, named.field)}`
}
