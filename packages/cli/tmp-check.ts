import { checkCondition, celEnvironment } from '@dunwell/journey'
const exprs = [
  "debtor.age >= 18 && debtor.age <= 25 && 'occupation' in case.attributes && case.attributes.occupation == 'student'",
  "debtor.age >= 35 && debtor.age <= 60 && case.attributes.travelsOnWeekdays == true",
  "has(case.attributes.occupation) && case.attributes.occupation == 'student'",
  "debtor.age >= 67 || case.attributes.occupation == 'retired'",
]
for (const e of exprs) {
  console.log(e, checkCondition(e))
  for (const attrs of [{}, { occupation: 'student', travelsOnWeekdays: true }]) {
    try { console.log('  ', JSON.stringify(attrs), celEnvironment.evaluate(e, { case: { attributes: attrs }, debtor: { age: 20n } })) } catch (err) { console.log('  err', (err as Error).message.split('\n')[0]) }
  }
}
