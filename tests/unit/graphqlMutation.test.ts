import { readGraphqlBody, summariseGraphql } from '../../src/http/apiOperation'

const JSON_TYPE = 'application/json'
const summary = (body: unknown, contentType = JSON_TYPE) =>
  summariseGraphql(readGraphqlBody(Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body)), contentType))

describe('what a GraphQL body runs (limits count mutations, password attempts and queries)', () => {
  test('queries, including ones that mention the word, are not mutations', () => {
    expect(summary({ query: '{ Articles { docs { title } } }' }).write).toBe(false)
    expect(summary({ query: 'query { Articles(where: { title: { equals: "mutation" } }) { totalDocs } }' }).write).toBe(false)
    expect(summary({ query: '# a mutation would be\n{ Tags { totalDocs } }' })).toEqual({ write: false, passwordAttempts: 0, queries: 1 })
  })

  test('mutations are, whether named, anonymous, JSON-escaped or sent as application/graphql', () => {
    expect(summary({ query: 'mutation { createTag(data: { name: "x" }) { id } }' }).write).toBe(true)
    expect(summary({ query: 'mutation Spam { createTag(data: { name: "x" }) { id } }' }).write).toBe(true)
    expect(summary(Buffer.from('{"query": "\\u006dutation { createTag(data: { name: \\"x\\" }) { id } }"}')).write).toBe(true)
    expect(summary(Buffer.from('mutation { createTag(data: { name: "x" }) { id } }'), 'application/graphql').write).toBe(true)
  })

  test('in a document with several operations, operationName decides', () => {
    const query = 'query Read { Tags { totalDocs } } mutation Write { createTag(data: { name: "x" }) { id } }'
    expect(summary({ query, operationName: 'Read' }).write).toBe(false)
    expect(summary({ query, operationName: 'Write' }).write).toBe(true)
  })

  test('every password attempt counts: aliases, fragments and inline fragments; batches are refused', () => {
    const login = (alias: string) => `${alias}: loginUser(email: "a@b.c", password: "x") { token }`
    expect(summary({ query: `mutation { ${Array.from({ length: 12 }, (_, i) => login(`a${i}`)).join(' ')} }` }).passwordAttempts).toBe(12)
    expect(summary({ query: `mutation { ...F ... on Mutation { ${login('b')} } } fragment F on Mutation { ${login('a')} }` }).passwordAttempts).toBe(2)
    expect(() => summary([{ query: `mutation { ${login('a')} }` }, { query: 'mutation { forgotPasswordUser(email: "a@b.c") }' }])).toThrow(/Batched GraphQL requests/)
  })

  test('bodies that cannot be GraphQL requests are 400s; documents that do not parse run nothing (Payload answers them 400)', () => {
    expect(() => summary(Buffer.from('{"query": "mutation {'))).toThrow(/not valid JSON/)
    expect(() => summary(Buffer.from('[1, 2]'))).toThrow(/Batched GraphQL requests/)
    expect(() => summary(Buffer.from('42'))).toThrow(/must be a JSON object/)
    expect(summary({ query: 'mutation {' }).write).toBe(false)
    expect(summary({ query: 42, mutation: true }).write).toBe(false)
  })

  test('fragment cycles and endless documents are refused before any validator recurses on them', () => {
    expect(() => summary({ query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' })).toThrow(/must not form cycles/)
    expect(() => summary({ query: `{ ${'Tags { totalDocs } '.repeat(4000)} }` })).toThrow(/too long/)
  })
})
