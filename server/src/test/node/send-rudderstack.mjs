// Sends the journey with RudderStack's Node SDK, which gzips its requests by default.
// Usage: node send-rudderstack.mjs BASE_URL WRITE_KEY USER_ID
import Analytics from '@rudderstack/rudder-sdk-node'
import { sendJourney } from './journey.mjs'

const [dataPlaneUrl, writeKey, userId] = process.argv.slice(2)
let failed = false
const fail = (error) => {
  failed = true
  console.error('delivery failed:', error?.message ?? error)
}
const client = new Analytics(writeKey, { dataPlaneUrl, flushAt: 100, retryCount: 0, logLevel: 'error',
  errorHandler: fail })

sendJourney(client, userId)
try {
  await client.flush()
} catch (error) {
  fail(error)
}
process.exit(failed ? 1 : 0)
