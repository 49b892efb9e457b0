// Sends a small customer journey to a Lifestage server with Segment's Node library, as a real host would.
// Usage: node send.mjs BASE_URL WRITE_KEY USER_ID
import { Analytics } from '@segment/analytics-node'
import { sendJourney } from './journey.mjs'

const [host, writeKey, userId] = process.argv.slice(2)
const analytics = new Analytics({ writeKey, host, flushAt: 3, maxRetries: 0 })
let failed = false
analytics.on('error', (error) => {
  failed = true
  console.error('delivery failed:', error?.reason ?? error)
})

sendJourney(analytics, userId)
await analytics.closeAndFlush({ timeout: 20_000 })
process.exit(failed ? 1 : 0)
