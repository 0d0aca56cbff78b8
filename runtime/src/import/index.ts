export { importCases, ImportRefused, sniffFormat, type ImportDeps } from './import-cases'
export { importReportSchema, importProblemSchema, caseTargets, type ImportReport, type ImportProblem, type CaseTarget, type Target } from '@dunwell/contract'
export { importStore, type SavedMapping } from './import-store'
