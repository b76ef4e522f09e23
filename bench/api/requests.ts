/** The public reads the benchmark measures, shared by `npm run bench` and `npm run bench:profile`. */

/** The latest 20 published articles over REST, authors and tags populated. */
export const LIST_PATH = '/api/articles?limit=20&depth=1&sort=-publishedAt'

/** One article by slug over REST. */
export const slugPath = (slug: string) => `/api/articles?depth=1&limit=1&where[slug][equals]=${slug}`

/** A GraphQL list of articles with the same fields as the REST list; `args` are the query's arguments. */
export const graphqlListBody = (args = 'limit: 20, sort: "-publishedAt"') =>
  JSON.stringify({ query: `{ Articles(${args}) { docs { id title slug excerpt body publishedAt authors { id name slug } tags { id name slug } } } }` })

/** The searches measured (their words' frequencies in bench/api/text.ts: Kirkuk is in about 10% of articles). */
export const SEARCHES = [
  { name: 'one word', q: 'Kirkuk', locale: 'en' },
  { name: 'two words', q: 'Kirkuk electricity', locale: 'en' },
  { name: 'a phrase', q: '"oil revenue"', locale: 'en' },
  { name: 'an Arabic word', q: 'البصرة', locale: 'ar' },
] as const
