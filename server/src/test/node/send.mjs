// Sends a small customer journey to a Lifestage server with Segment's Node library, as a real host would.
// Usage: node send.mjs BASE_URL WRITE_KEY USER_ID
import { Analytics } from '@segment/analytics-node'

const [host, writeKey, userId] = process.argv.slice(2)
const analytics = new Analytics({ writeKey, host, flushAt: 3, maxRetries: 0 })
let failed = false
analytics.on('error', (error) => {
  failed = true
  console.error('delivery failed:', error?.reason ?? error)
})

const daysAgo = (days) => new Date(Date.now() - days * 86_400_000)
const anonymousId = `anon-${userId}`
analytics.page({ anonymousId, name: 'Pricing', timestamp: daysAgo(6) })
analytics.track({ anonymousId, event: 'Product Viewed', properties: { sku: 'p-1' }, timestamp: daysAgo(5) })
analytics.identify({ userId, anonymousId, traits: { plan: 'trial' }, timestamp: daysAgo(4) })
analytics.track({ userId, event: 'Order Completed', properties: { total: 42.5, currency: 'EUR' }, timestamp: daysAgo(2) })
await analytics.closeAndFlush({ timeout: 20_000 })
process.exit(failed ? 1 : 0)
