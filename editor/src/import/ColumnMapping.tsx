import { useState } from 'react'
import { caseTargets, type ImportReport } from './import-api'
import { t } from './strings'

/** Every column of the file to the target the dry run used (`ignore` for an unmapped one): what the import is told. */
export function columnMapOf(report: ImportReport): Record<string, string> {
  return Object.fromEntries(report.columns.map((column) => [column.header, column.target ?? 'ignore']))
}

/** A header as an attribute name: lower case, letters, digits and underscores ("Kunden-Segment" → "kunden_segment"). */
export function attributeNameOf(header: string): string {
  const name = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return name === '' ? 'column' : /^[0-9]/.test(name) ? `c_${name}` : name
}

function AttributeName({ header, value, onCommit }: { header: string; value: string; onCommit: (name: string) => void }) {
  const [draft, setDraft] = useState(value)
  const commit = () => draft.trim() && draft.trim() !== value && onCommit(draft.trim())
  return (
    <input
      aria-label={`${t.attributeName}: ${header}`}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => event.key === 'Enter' && commit()}
      maxLength={100}
    />
  )
}

/** Each file header → a case field, a free attribute, or nothing; unmapped columns stand out. */
export function ColumnMapping({ report, onChange }: { report: ImportReport; onChange: (header: string, target: string) => void }) {
  return (
    <section className="card" aria-labelledby="import-columns">
      <h2 id="import-columns">{t.columnsHeading}</h2>
      <p className="muted">{t.columnsHint}</p>
      <table className="import__table import__columns">
        <thead>
          <tr>
            <th scope="col">{t.header}</th>
            <th scope="col">{t.target}</th>
            <th scope="col">{t.attributeName}</th>
          </tr>
        </thead>
        <tbody>
          {report.columns.map((column) => {
            const attribute = column.target?.startsWith('attributes.') ? column.target.slice('attributes.'.length) : undefined
            const selected = attribute !== undefined ? 'attribute' : (column.target ?? (column.source === 'unmapped' ? '' : 'ignore'))
            const unmapped = column.source === 'unmapped'
            return (
              <tr key={column.index} className={unmapped ? 'import__unmapped' : ''} data-column={column.header}>
                <th scope="row">
                  {column.header}
                  {unmapped && <small className="import__bad"> · {t.unmapped}</small>}
                </th>
                <td>
                  <select
                    aria-label={`${t.target}: ${column.header}`}
                    value={selected}
                    onChange={(event) => {
                      const next = event.target.value
                      onChange(column.header, next === 'attribute' ? `attributes.${attributeNameOf(column.header)}` : next)
                    }}
                  >
                    {unmapped && <option value="">{t.unmapped}</option>}
                    {caseTargets.map((target) => (
                      <option key={target} value={target}>
                        {t.targets[target]}
                      </option>
                    ))}
                    <option value="attribute">{t.attribute}</option>
                    <option value="ignore">{t.ignore}</option>
                  </select>
                </td>
                <td>
                  {attribute !== undefined && (
                    <AttributeName
                      key={attribute}
                      header={column.header}
                      value={attribute}
                      onCommit={(name) => onChange(column.header, `attributes.${name}`)}
                    />
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
