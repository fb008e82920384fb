import { signDelivery } from "@scribehook/testing";

/** An AssemblyAI delivery as the provider sends it, for the reliability tests. */
export interface Delivery {
  method: "POST";
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * AssemblyAI's completion callback: `POST` JSON `{ transcript_id, status }` with the header you
 * chose when submitting the job (here `x-webhook-token`), made by the delivery builder.
 *
 * @example
 * ```ts
 * const d = assemblyaiDelivery("tok", "job-1");
 * await fetch(url + d.path, { method: d.method, headers: d.headers, body: d.body });
 * ```
 */
export function assemblyaiDelivery(token: string, jobId: string, status = "completed"): Delivery {
  const { path, headers, body } = signDelivery("assemblyai", {
    jobId,
    status,
    headers: { "x-webhook-token": token },
  });
  return { method: "POST", path, headers, body };
}

/**
 * Sends a delivery to `baseUrl` with fetch; resolves with the status, the body (parsed when JSON)
 * and `Retry-After` in seconds.
 *
 * @example
 * ```ts
 * const { status, body } = await send("http://127.0.0.1:3000", assemblyaiDelivery("tok", "job-1"));
 * ```
 */
export async function send(
  baseUrl: string,
  d: Delivery,
): Promise<{ status: number; body: any; retryAfter: number | undefined }> {
  const res = await fetch(baseUrl + d.path, { method: d.method, headers: d.headers, body: d.body });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  const retryAfter = res.headers.get("retry-after");
  return { status: res.status, body, retryAfter: retryAfter === null ? undefined : Number(retryAfter) };
}
