import { createHooks } from "../../../../../lib/hooks";

// The same receiver on the Node.js runtime (Next.js's default): POST/PUT /api/node/webhooks/<provider>.
export const runtime = "nodejs";

const hooks = createHooks("/api/node/webhooks");

export function POST(request: Request): Promise<Response> {
  return hooks.fetch(request);
}
export const PUT = POST;
