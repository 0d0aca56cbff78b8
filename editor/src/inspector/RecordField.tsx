import { checkValueExpression } from '@dunwell/journey'
import { useEffect, useId, useState } from 'react'
import { Icon } from '../ui/Icon'
import { getAt, renameKey, setAt } from './data-edits'
import { pathKey } from './field-errors'
import type { FieldProps } from './FieldView'
import { ExpressionInput } from './ExpressionInput'
import { FieldMessages } from './FieldMessages'
import { useEditSession } from './useEditSession'

/** Key → CEL rows (an action's attributes); a key is renamed when its field is left. */
export function RecordField({ field, path, ctx }: FieldProps<'record'>) {
  const record = (getAt(ctx.node.data, path) as Record<string, string> | undefined) ?? {}
  const entries = Object.entries(record)
  const messagesId = `${ctx.node.id}-${pathKey(path)}-messages`
  const add = () => {
    let n = entries.length + 1
    while (Object.hasOwn(record, `attribute${n}`)) n++
    ctx.edit(setAt(ctx.node.data, [...path, `attribute${n}`], 'true'))
  }
  return (
    <fieldset className="field list" aria-describedby={messagesId}>
      <legend>
        {field.label}
        {field.optional && <span className="field__optional"> (optional)</span>}
      </legend>
      {entries.map(([key, value], index) => (
        <RecordRow key={`${index}`} name={key} value={value} path={path} ctx={ctx} rowLabel={field.label} />
      ))}
      <div className="list__foot">
        <button type="button" className="button button--small" onClick={add}>
          <Icon name="plus" size={14} /> Add attribute
        </button>
      </div>
      <FieldMessages id={messagesId} diagnostics={ctx.problems.byField.get(pathKey(path))} help={field.help} />
    </fieldset>
  )
}

function RecordRow({ name, value, path, ctx }: { name: string; value: string; path: FieldProps['path']; ctx: FieldProps['ctx']; rowLabel: string }) {
  const id = useId()
  const [draftName, setDraftName] = useState(name)
  useEffect(() => setDraftName(name), [name])
  const session = useEditSession(`${ctx.node.id}:${pathKey([...path, name])}`)
  const check = value ? checkValueExpression(value) : { ok: false as const, message: 'must not be empty' }
  const diagnostics = [...(ctx.problems.byField.get(pathKey([...path, name])) ?? [])].filter((diagnostic) => check.ok || diagnostic.code !== 'bad-expression')
  const commitName = () => {
    const next = draftName.trim()
    if (next && next !== name) ctx.edit(renameKey(ctx.node.data, path, name, next))
    setDraftName(next && !(next !== name && Object.hasOwn(getAt(ctx.node.data, path) as object, next)) ? next : name)
  }
  const remove = () => {
    const record = { ...(getAt(ctx.node.data, path) as Record<string, string>) }
    delete record[name]
    ctx.edit(setAt(ctx.node.data, path, Object.keys(record).length === 0 ? undefined : record))
  }
  return (
    <div className="record-row">
      <label className="record-row__part">
        <span>Attribute</span>
        <input
          className="mono"
          value={draftName}
          spellCheck={false}
          onChange={(event) => setDraftName(event.target.value)}
          onBlur={commitName}
          onKeyDown={(event) => event.key === 'Enter' && event.currentTarget.blur()}
        />
      </label>
      <div className="record-row__part record-row__value">
        <label htmlFor={id}>Value (CEL)</label>
        <ExpressionInput
          id={id}
          value={value}
          label={`Value of ${name} (CEL)`}
          check={value ? check : undefined}
          describedBy={`${id}-messages`}
          invalid={!check.ok}
          onFocus={session.start}
          onBlur={session.end}
          onChange={(text) => ctx.edit(setAt(ctx.node.data, [...path, name], text), session.current())}
        />
      </div>
      <button type="button" className="icon-button icon-button--small" aria-label={`Remove attribute ${name}`} onClick={remove}>
        <Icon name="trash" size={14} />
      </button>
      <FieldMessages id={`${id}-messages`} live={check.ok ? undefined : check.message} diagnostics={diagnostics} />
    </div>
  )
}
