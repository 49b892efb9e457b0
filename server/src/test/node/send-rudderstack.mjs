// Sends the journey of send.mjs with RudderStack's Node SDK, which gzips its requests by default.
// Usage: node send-rudderstack.mjs BASE_URL WRITE_KEY USER_ID
import Analytics from '@rudderstack/rudder-sdk-node'

const [dataPlaneUrl, writeKey, userId] = process.argv.slice(2)
let failed = false
const fail = (error) => {
  failed = true
  console.error('delivery failed:', error?.message ?? error)
}
const client = new Analytics(writeKey, { dataPlaneUrl, flushAt: 100, retryCount: 0, logLevel: 'error',
  errorHandler: fail })

const daysAgo = (days) => new Date(Date.now() - days * 86_400_000)
const anonymousId = `anon-${userId}`
client.page({ anonymousId, name: 'Pricing', timestamp: daysAgo(6) })
client.track({ anonymousId, event: 'Product Viewed', properties: { sku: 'p-1' }, timestamp: daysAgo(5) })
client.identify({ userId, anonymousId, traits: { plan: 'trial' }, timestamp: daysAgo(4) })
client.track({ userId, event: 'Order Completed', properties: { total: 42.5, currency: 'EUR' }, timestamp: daysAgo(2) })
try {
  await client.flush()
} catch (error) {
  fail(error)
}
process.exit(failed ? 1 : 0)
