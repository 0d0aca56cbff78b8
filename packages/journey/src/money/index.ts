export { instalmentSchedule, instalmentDueDate, planIntervals, type PlanInterval, type ScheduledInstalment, type ScheduleRequest } from './instalment-schedule'
export {
  planRulesSchema,
  planBandSchema,
  promiseRulesSchema,
  planLimits,
  checkPlan,
  planCounts,
  checkPromise,
  proposePlan,
  type PlanRules,
  type PlanBand,
  type PromiseRules,
  type MoneyRuleProblem,
} from './plan-rules'
export { allocatePayment, reverseAllocation, type AllocatedInstalment, type Allocation } from './allocate-payment'
