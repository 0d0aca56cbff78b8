import { Environment } from '@marcbachmann/cel-js'

/**
 * The variables a condition may name. Ints are CEL `int` (BigInt at evaluation); money is `double` in major
 * units, computed exactly by the runtime in minor units and handed over as a number.
 */
export const expressionVariables = {
  case: {
    id: 'string',
    amountDue: 'double',
    balance: 'double',
    currency: 'string',
    dueDate: 'string',
    daysPastDue: 'int',
    attributes: 'map<string, dyn>',
  },
  debtor: {
    firstName: 'string',
    lastName: 'string',
    email: 'string',
    phone: 'string',
    locale: 'string',
    timezone: 'string',
    country: 'string',
    region: 'string',
    age: 'int',
    /** The debtor's own choices (the portal's contact preferences); absent until given. */
    preferredChannel: 'string',
    preferredTimeOfDay: 'string',
    preferredLocale: 'string',
    attributes: 'map<string, dyn>',
  },
  event: {
    type: 'string',
    data: 'map<string, dyn>',
  },
} as const

export type ExpressionVariable = keyof typeof expressionVariables

/** Bounds that keep a hostile expression cheap to parse and check. */
const limits = { maxAstNodes: 500, maxDepth: 32, maxListElements: 200, maxMapEntries: 100, maxCallArguments: 16 }

function createEnvironment(): Environment {
  const environment = new Environment({ limits })
  for (const [name, schema] of Object.entries(expressionVariables)) {
    environment.registerVariable({ name, schema })
  }
  return environment
}

export const celEnvironment = createEnvironment()
