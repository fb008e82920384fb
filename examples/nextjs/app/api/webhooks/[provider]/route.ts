import { createHooks } from "../../../../lib/hooks";

// POST/PUT /api/webhooks/<provider> on the edge runtime. The receiver reads the raw body from the
// Request itself: export no body parser, and read nothing from `request` before it.
export const runtime = "edge";

const hooks = createHooks("/api/webhooks");

export function POST(request: Request): Promise<Response> {
  return hooks.fetch(request);
}
// Gladia may call back with PUT.
export const PUT = POST;
