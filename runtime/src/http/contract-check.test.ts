/** The judge itself: an exchange that breaks the document is caught, one that fits passes. */
import { expect, test } from 'vitest'
import { contractViolations, type Exchange } from './contract-check'

const problem = { type: 'object', required: ['title', 'status'], properties: { title: { type: 'string' }, status: { type: 'integer' } } }
const documentText = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/things/{id}': {
      get: {
        operationId: 'getThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } } },
          404: { description: 'none', content: { 'application/problem+json': { schema: problem } } },
        },
      },
      put: {
        operationId: 'putThing',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
        },
        responses: { 204: { description: 'saved' } },
      },
      delete: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 404: { description: 'none' } } },
    },
  },
})

const get = (status: number, responseType: string, body: unknown): Exchange => ({
  method: 'GET',
  url: '/api/things/a',
  headers: {},
  status,
  responseType,
  responseText: JSON.stringify(body),
})

test('an answer that fits its declared status and schema passes', async () => {
  expect(await contractViolations(documentText, get(200, 'application/json', { id: 'a' }))).toEqual([])
  expect(await contractViolations(documentText, get(404, 'application/problem+json', { title: 'Not Found', status: 404 }))).toEqual([])
})

test('an undeclared status, another media type, or a body off its schema is a violation', async () => {
  expect(await contractViolations(documentText, get(409, 'application/problem+json', { title: 'Conflict', status: 409 }))).toEqual([
    'GET /api/things/a → 409: the status is not declared',
  ])
  expect((await contractViolations(documentText, get(200, 'application/octet-stream', { id: 'a' })))[0]).toMatch(/answered application\/octet-stream/)
  expect((await contractViolations(documentText, get(200, 'application/json', { name: 'a' })))[0]).toMatch(/does not fit the document/)
})

test('a request the server took that the document refuses, an operation without operationId or one not described, are violations', async () => {
  const put: Exchange = {
    method: 'PUT',
    url: '/api/things/a',
    headers: { 'Content-Type': 'application/json' },
    body: '{"nom":1}',
    status: 204,
    responseType: '',
    responseText: '',
  }
  expect((await contractViolations(documentText, put))[0]).toMatch(/accepted a request the document refuses: \/requestBody must have required property 'name'/)
  expect(await contractViolations(documentText, { ...put, method: 'DELETE', status: 404, body: undefined })).toEqual([
    'DELETE /api/things/a → 404: the operation has no operationId',
  ])
  expect(await contractViolations(documentText, { ...get(200, 'application/json', {}), url: '/api/other' })).toEqual([
    'GET /api/other → 200: the document has no such operation',
  ])
})
