// The app each runtime of the matrix serves: scribehook's Fetch handler for every provider, as a user
// would mount it, plus two routes for the tests only (never in a real app):
//   GET /__events                            the events handled so far: [{ provider, jobId, type }]
//   GET /__callback-url?provider=…[&expired] a callback URL made by this runtime's receiver

const json = (value, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });

/**
 * Wraps a receiver into the host app: `fetch(request, info)` answers every request, and the receiver's
 * events are recorded.
 *
 * @example
 * const app = createHostApp(createReceiver(hostOptions()));
 * Deno.serve((request) => app.fetch(request));
 */
export function createHostApp(receiver) {
  const events = [];
  receiver.onAny((event) => {
    events.push({ provider: event.provider, jobId: event.jobId, type: event.type });
  });

  return {
    async fetch(request, info) {
      const url = new URL(request.url);
      if (url.pathname === "/__events") return json(events);
      if (url.pathname === "/__callback-url") {
        const provider = url.searchParams.get("provider") ?? "";
        // An hour-long URL made two hours ago has expired an hour ago.
        const expired = url.searchParams.has("expired")
          ? { expiresIn: "1h", now: Date.now() - 2 * 3600_000 }
          : {};
        try {
          return json({
            url: await receiver.callbackUrl({ provider, baseUrl: url.origin, env: info?.env, ...expired }),
          });
        } catch (error) {
          return json({ error: String(error) }, 500);
        }
      }
      return receiver.fetch(request, info);
    },
  };
}
