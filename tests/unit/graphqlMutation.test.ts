import { isGraphqlMutation } from '../../src/http/anonymousWriteLimit'

const json = (body: unknown) => Buffer.from(JSON.stringify(body))
const JSON_TYPE = 'application/json'

describe('telling GraphQL mutations from queries (the anonymous write limit counts only mutations)', () => {
  test('queries, including ones that mention the word, are not mutations', () => {
    expect(isGraphqlMutation(json({ query: '{ Articles { docs { title } } }' }), JSON_TYPE)).toBe(false)
    expect(isGraphqlMutation(json({ query: 'query { Articles(where: { title: { equals: "mutation" } }) { totalDocs } }' }), JSON_TYPE)).toBe(false)
    expect(isGraphqlMutation(json({ query: '# a mutation would be\n{ Tags { totalDocs } }' }), JSON_TYPE)).toBe(false)
  })

  test('mutations are, whether named, anonymous, or sent as application/graphql', () => {
    expect(isGraphqlMutation(json({ query: 'mutation { createTag(data: { name: "x" }) { id } }' }), JSON_TYPE)).toBe(true)
    expect(isGraphqlMutation(json({ query: 'mutation Spam { createTag(data: { name: "x" }) { id } }' }), JSON_TYPE)).toBe(true)
    expect(isGraphqlMutation(Buffer.from('mutation { createTag(data: { name: "x" }) { id } }'), 'application/graphql')).toBe(true)
  })

  test('in a document with several operations, operationName decides', () => {
    const query = 'query Read { Tags { totalDocs } } mutation Write { createTag(data: { name: "x" }) { id } }'
    expect(isGraphqlMutation(json({ query, operationName: 'Read' }), JSON_TYPE)).toBe(false)
    expect(isGraphqlMutation(json({ query, operationName: 'Write' }), JSON_TYPE)).toBe(true)
  })

  test('bodies GraphQL cannot read are not counted (Payload answers them 400)', () => {
    expect(isGraphqlMutation(Buffer.from('{"query": "mutation {'), JSON_TYPE)).toBe(false)
    expect(isGraphqlMutation(json({ query: 'mutation {' }), JSON_TYPE)).toBe(false)
    expect(isGraphqlMutation(json({ query: 42, mutation: true }), JSON_TYPE)).toBe(false)
  })
})
