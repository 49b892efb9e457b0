// The customer journey every client sends: a visitor who browses, signs up and buys within a week. `client` is
// Segment's Analytics or RudderStack's, whose page, track and identify take the same calls.
export function sendJourney (client, userId) {
  const daysAgo = (days) => new Date(Date.now() - days * 86_400_000)
  const anonymousId = `anon-${userId}`
  client.page({ anonymousId, name: 'Pricing', timestamp: daysAgo(6) })
  client.track({ anonymousId, event: 'Product Viewed', properties: { sku: 'p-1' }, timestamp: daysAgo(5) })
  client.identify({ userId, anonymousId, traits: { plan: 'trial' }, timestamp: daysAgo(4) })
  client.track({ userId, event: 'Order Completed', properties: { total: 42.5, currency: 'EUR' }, timestamp: daysAgo(2) })
}
