import { type FakeApiSpec, json } from "../spec";

/** Providers without a result API (Verbit's is not public, Standard Webhooks defines none): always 404. */
export const noResultApi: FakeApiSpec = {
  authorized: () => true,
  unauthorized: json({ error: "unauthorized" }, 401),
  notFound: json({ error: "This provider has no public result API" }, 404),
  routes: [],
  sample: () => undefined,
};
