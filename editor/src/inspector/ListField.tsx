import { itemNoun, itemStem } from './field-layout'
import { t } from './strings'
import { getAt, insertItem, moveItem, newListItem, removeItem } from './data-edits'
import { pathKey } from './field-errors'
import type { FieldProps } from './FieldView'
import { FieldView } from './FieldView'
import { FieldMessages } from './FieldMessages'
import { Icon } from '../ui/Icon'
import { useApplyChange } from '../store'
import { outcomeIdProblem } from '../store/id-problem'
import { IdField } from './IdField'

/** The sum of the items' weights, when the items have one (a split's variants must add up to 100). */
export function weightTotal(items: unknown[]): number | undefined {
  if (!items.every((item) => typeof (item as { weight?: unknown }).weight === 'number')) return undefined
  return items.reduce<number>((sum, item) => sum + (item as { weight: number }).weight, 0)
}

/** A branch's or variant's id: renamed as one change that carries the arrow leaving by it. */
function OutcomeIdField({ label, outcome, ctx }: { label: string; outcome: string; ctx: FieldProps['ctx'] }) {
  const applyChange = useApplyChange()
  return (
    <IdField
      label={label}
      value={outcome}
      what="outcome"
      problemOf={(next) => outcomeIdProblem(ctx.node, outcome, next)}
      onRename={(to) => applyChange({ type: 'rename-outcome', node: ctx.node.id, from: outcome, to })}
    />
  )
}

/** A list of objects (branches, variants): each item a card that can be moved, removed, and added to. */
export function ListField({ field, path, ctx }: FieldProps<'list'>) {
  const items = (getAt(ctx.node.data, path) as unknown[] | undefined) ?? []
  const stem = itemStem(ctx.node.type, pathKey(path))
  const noun = itemNoun(ctx.node.type, pathKey(path))
  const { item, min = 0, max = Infinity } = field.type
  const fields = item.kind === 'object' ? item.fields : []
  const hasWeights = fields.some((inner) => inner.key === 'weight')
  const total = hasWeights ? weightTotal(items) : undefined
  const messagesId = `${ctx.node.id}-${pathKey(path)}-messages`
  const diagnostics = ctx.problems.byField.get(pathKey(path)) ?? []
  const edit = (data: typeof ctx.node.data) => ctx.edit(data)

  return (
    <fieldset className="field list" aria-describedby={messagesId}>
      <legend>{field.label}</legend>
      <ol className="list__items">
        {items.map((value, index) => {
          const name = (value as { label?: string }).label || `${noun} ${index + 1}`
          return (
            <li key={index} className="list__item">
              <div className="list__item-head">
                <span className="list__item-title">
                  {index + 1}. {name}
                </span>
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={t.moveUp(name)}
                  disabled={index === 0}
                  onClick={() => edit(moveItem(ctx.node.data, path, index, index - 1))}
                >
                  <Icon name="arrow-up" size={14} />
                </button>
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={t.moveDown(name)}
                  disabled={index === items.length - 1}
                  onClick={() => edit(moveItem(ctx.node.data, path, index, index + 1))}
                >
                  <Icon name="arrow-down" size={14} />
                </button>
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={t.removeItem(name)}
                  disabled={items.length <= min}
                  onClick={() => edit(removeItem(ctx.node.data, path, index))}
                >
                  <Icon name="trash" size={14} />
                </button>
              </div>
              {fields.map((inner) =>
                inner.key === 'id' && typeof (value as { id?: unknown }).id === 'string' ? (
                  <OutcomeIdField key={inner.key} label={inner.label} outcome={(value as { id: string }).id} ctx={ctx} />
                ) : (
                  <FieldView key={inner.key} field={inner} path={[...path, index, inner.key]} ctx={ctx} />
                ),
              )}
            </li>
          )
        })}
      </ol>
      <div className="list__foot">
        <button
          type="button"
          className="button button--small"
          disabled={items.length >= max}
          onClick={() => edit(insertItem(ctx.node.data, path, newListItem(item, items, stem)))}
        >
          <Icon name="plus" size={14} /> {t.addItem(noun)}
        </button>
        {total !== undefined && (
          <span className={total === 100 ? 'list__total' : 'list__total list__total--error'} role="status">
            {t.weightTotal(total)}
          </span>
        )}
      </div>
      <FieldMessages id={messagesId} diagnostics={diagnostics} help={field.help} />
    </fieldset>
  )
}
