import type { ImportReport } from './import-api'
import { formatDate, formatMoney, t } from './strings'

const actionWord = { create: t.create, update: t.update, refuse: t.refuse }

/** The first rows as they will be stored: amounts as money in their currency, dates, in the UI language. */
export function ImportPreview({ report }: { report: ImportReport }) {
  if (report.preview.length === 0) return null
  return (
    <section className="card" aria-labelledby="import-preview">
      <h2 id="import-preview">{t.previewHeading}</h2>
      <div className="import__scroll">
        <table className="import__table import__preview">
          <thead>
            <tr>
              <th scope="col">{t.line}</th>
              <th scope="col">{t.action}</th>
              <th scope="col">{t.id}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">{t.email}</th>
              <th scope="col" className="import__number">
                {t.amountDue}
              </th>
              <th scope="col">{t.dueDate}</th>
              <th scope="col">{t.attributes}</th>
            </tr>
          </thead>
          <tbody>
            {report.preview.map((row) => {
              const stored = row.case
              return (
                <tr key={row.line} data-line={row.line} className={row.action === 'refuse' ? 'import__refused' : ''}>
                  <td>{row.line}</td>
                  <td>{actionWord[row.action]}</td>
                  <td>{stored?.id}</td>
                  <td>{stored ? [stored.debtor.firstName, stored.debtor.lastName].filter(Boolean).join(' ') : ''}</td>
                  <td>{stored?.debtor.email}</td>
                  <td className="import__number">{stored ? formatMoney(stored.amountDue, stored.currency) : ''}</td>
                  <td>{stored ? formatDate(stored.dueDate) : ''}</td>
                  <td>
                    {Object.entries(stored?.attributes ?? {})
                      .map(([name, value]) => `${name}: ${String(value)}`)
                      .join(' · ')}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** Every problem with its line, column and value; duplicate ids with both lines. */
export function ImportProblems({ report }: { report: ImportReport }) {
  return (
    <section className="card" aria-labelledby="import-problems">
      <h2 id="import-problems">
        {t.problemsHeading} ({report.problems.length + report.problemsOmitted})
      </h2>
      {report.problems.length === 0 ? (
        <p className="muted">{t.noProblems}</p>
      ) : (
        <div className="import__scroll import__scroll--short">
          <table className="import__table import__problems">
            <thead>
              <tr>
                <th scope="col">{t.line}</th>
                <th scope="col">{t.column}</th>
                <th scope="col">{t.value}</th>
                <th scope="col">{t.message}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((problem, index) => (
                <tr key={index} className={problem.severity === 'error' ? 'import__refused' : ''}>
                  <td>{problem.line}</td>
                  <td>{problem.column}</td>
                  <td>
                    <code>{problem.value}</code>
                  </td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.problemsOmitted > 0 && <p className="muted">{t.omitted(report.problemsOmitted)}</p>}
      {report.duplicates.length > 0 && (
        <>
          <h3>{t.duplicatesHeading}</h3>
          <ul className="import__duplicates">
            {report.duplicates.map((duplicate) => (
              <li key={duplicate.id}>{t.duplicate(duplicate.id, duplicate.lines)}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
