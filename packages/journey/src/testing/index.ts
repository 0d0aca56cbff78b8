export { sampleJourney } from './sample-journey'
export { arbitraryJourney, validConditions, validValueExpressions, type ArbitraryJourneyOptions } from './arbitrary-journey'
export { emailThenSms } from './email-then-sms'
export { promiseWaitJourney } from './promise-wait'
