import { useEffect, useId, useState } from 'react'
import { emptyValue, getAt, setAt, type DataPath } from './data-edits'
import { DurationField } from './DurationField'
import { pathKey } from './field-errors'
import type { FormContext } from './form-context'
import type { Field, FieldType } from './form-model'
import { FieldMessages } from './FieldMessages'
import { ListField } from './ListField'
import { RecordField } from './RecordField'
import { t } from './strings'
import { TextField } from './TextField'
import { useEditSession } from './useEditSession'

export interface FieldProps<K extends FieldType['kind'] = FieldType['kind']> {
  field: Field & { type: Extract<FieldType, { kind: K }> }
  path: DataPath
  ctx: FormContext
}

/** One field of the form, by its type. */
export function FieldView({ field, path, ctx }: { field: Field; path: DataPath; ctx: FormContext }) {
  // The switch narrows `field.type`, not `field`: the props are retyped per case.
  const props = <K extends FieldType['kind']>() => ({ field, path, ctx }) as FieldProps<K>
  if (field.folded) return null
  switch (field.type.kind) {
    case 'text':
      return field.type.format === 'duration' ? <DurationField {...props<'text'>()} /> : <TextField {...props<'text'>()} />
    case 'number':
      return <NumberField {...props<'number'>()} />
    case 'boolean':
      return <BooleanField {...props<'boolean'>()} />
    case 'enum':
      return <EnumField {...props<'enum'>()} />
    case 'list':
      return field.type.item.kind === 'enum' ? <ToggleListField {...props<'list'>()} /> : <ListField {...props<'list'>()} />
    case 'record':
      return <RecordField {...props<'record'>()} />
    case 'object':
      return <ObjectField {...props<'object'>()} />
    case 'variants':
      return <VariantsField {...props<'variants'>()} />
  }
}

function useMessages(ctx: FormContext, path: DataPath) {
  const diagnostics = ctx.problems.byField.get(pathKey(path)) ?? []
  return { diagnostics, invalid: diagnostics.some((diagnostic) => diagnostic.severity === 'error') }
}

function Optional({ field }: { field: Field }) {
  return field.optional ? <span className="field__optional"> (optional)</span> : null
}

function NumberField({ field, path, ctx }: FieldProps<'number'>) {
  const id = useId()
  const value = getAt(ctx.node.data, path) as number | undefined
  const [text, setText] = useState(value === undefined ? '' : String(value))
  const session = useEditSession(`${ctx.node.id}:${pathKey(path)}`)
  const { diagnostics, invalid } = useMessages(ctx, path)
  // Undo, or another field's edit, changes the value under the field.
  useEffect(() => {
    setText((current) => (Number(current) === value && current !== '' ? current : value === undefined ? '' : String(value)))
  }, [value])
  const onChange = (next: string) => {
    setText(next)
    const number = Number(next)
    if (next.trim() === '') {
      if (field.optional) ctx.edit(setAt(ctx.node.data, path, undefined), session.current())
    } else if (Number.isFinite(number)) ctx.edit(setAt(ctx.node.data, path, number), session.current())
  }
  return (
    <div className="field field--number">
      <label htmlFor={id}>
        {field.label}
        <Optional field={field} />
      </label>
      <input
        id={id}
        type="number"
        inputMode={field.type.integer ? 'numeric' : 'decimal'}
        min={field.type.min}
        max={field.type.max}
        step={field.type.integer ? 1 : 'any'}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-messages`}
        onFocus={session.start}
        onBlur={session.end}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldMessages id={`${id}-messages`} diagnostics={diagnostics} help={field.help} />
    </div>
  )
}

function BooleanField({ field, path, ctx }: FieldProps<'boolean'>) {
  const id = useId()
  const checked = getAt(ctx.node.data, path) === true
  const { diagnostics } = useMessages(ctx, path)
  return (
    <div className="field field--check">
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={`${id}-messages`}
          onChange={(event) => ctx.edit(setAt(ctx.node.data, path, event.target.checked ? true : field.optional ? undefined : false))}
        />
        {field.label}
      </label>
      <FieldMessages id={`${id}-messages`} diagnostics={diagnostics} help={field.help} />
    </div>
  )
}

function EnumField({ field, path, ctx }: FieldProps<'enum'>) {
  const id = useId()
  const value = (getAt(ctx.node.data, path) as string | undefined) ?? ''
  const { diagnostics, invalid } = useMessages(ctx, path)
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        <Optional field={field} />
      </label>
      <select
        id={id}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-messages`}
        onChange={(event) => ctx.edit(setAt(ctx.node.data, path, event.target.value === '' ? undefined : event.target.value))}
      >
        {field.optional && <option value="">{t.defaultChoice}</option>}
        {field.type.options.map((option) => (
          <option key={option} value={option}>
            {field.type.labels?.[option] ?? option}
          </option>
        ))}
      </select>
      <FieldMessages id={`${id}-messages`} diagnostics={diagnostics} help={field.help} />
    </div>
  )
}

/** A set of choices from an enum, e.g. weekdays: one toggle button each, in the enum's order. */
function ToggleListField({ field, path, ctx }: FieldProps<'list'>) {
  const id = useId()
  const options = field.type.item.kind === 'enum' ? field.type.item.options : []
  const labels = field.type.item.kind === 'enum' ? field.type.item.labels : undefined
  const chosen = new Set((getAt(ctx.node.data, path) as string[] | undefined) ?? [])
  const { diagnostics } = useMessages(ctx, path)
  const toggle = (option: string) => {
    const next = new Set(chosen)
    if (next.has(option)) next.delete(option)
    else next.add(option)
    const list = options.filter((candidate) => next.has(candidate))
    ctx.edit(setAt(ctx.node.data, path, list.length === 0 && field.optional ? undefined : list))
  }
  return (
    <fieldset className="field" aria-describedby={`${id}-messages`}>
      <legend>
        {field.label}
        <Optional field={field} />
      </legend>
      <div className="toggles">
        {options.map((option) => (
          <button key={option} type="button" className="toggle" aria-pressed={chosen.has(option)} onClick={() => toggle(option)}>
            {labels?.[option] ?? option}
          </button>
        ))}
      </div>
      <FieldMessages id={`${id}-messages`} diagnostics={diagnostics} help={field.help} />
    </fieldset>
  )
}

/** An optional group of fields (a webhook): a checkbox adds or removes it. */
function ObjectField({ field, path, ctx }: FieldProps<'object'>) {
  const id = useId()
  const value = getAt(ctx.node.data, path)
  const { diagnostics } = useMessages(ctx, path)
  return (
    <fieldset className="field group">
      <legend>{field.label}</legend>
      {field.optional && (
        <label className="field--check" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value !== undefined}
            onChange={(event) => ctx.edit(setAt(ctx.node.data, path, event.target.checked ? emptyValue(field.type) : undefined))}
          />
          {t.groupToggle(field.label)}
        </label>
      )}
      {value !== undefined && field.type.fields.map((inner) => <FieldView key={inner.key} field={inner} path={[...path, inner.key]} ctx={ctx} />)}
      <FieldMessages id={`${id}-messages`} diagnostics={diagnostics} help={field.help} />
    </fieldset>
  )
}

/** One of several shapes (an offer): a select chooses the shape, its fields follow. */
function VariantsField({ field, path, ctx }: FieldProps<'variants'>) {
  const id = useId()
  const { discriminator, options } = field.type
  const value = getAt(ctx.node.data, path) as Record<string, unknown> | undefined
  const current = options.find((option) => option.name === value?.[discriminator])
  const { diagnostics, invalid } = useMessages(ctx, path)
  const choose = (name: string) => {
    const option = options.find((candidate) => candidate.name === name)
    ctx.edit(setAt(ctx.node.data, path, option ? { [discriminator]: name, ...(emptyValue({ kind: 'object', fields: option.fields }) as object) } : undefined))
  }
  return (
    <fieldset className="field group">
      <legend>{field.label}</legend>
      <label htmlFor={id} className="visually-hidden">
        {field.label} type
      </label>
      <select
        id={id}
        value={current?.name ?? ''}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-messages`}
        onChange={(event) => choose(event.target.value)}
      >
        {field.optional && <option value="">None</option>}
        {options.map((option) => (
          <option key={option.name} value={option.name}>
            {option.name}
          </option>
        ))}
      </select>
      {current?.fields.map((inner) => (
        <FieldView key={inner.key} field={inner} path={[...path, inner.key]} ctx={ctx} />
      ))}
      <FieldMessages id={`${id}-messages`} diagnostics={diagnostics} help={field.help} />
    </fieldset>
  )
}
