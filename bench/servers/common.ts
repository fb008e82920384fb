import type { Server } from "node:http";

/** `{"ok":true}`, the answer every configuration gives a good delivery. */
export const OK_BODY = '{"ok":true}';

/** Deliveries handled by this server, reported on exit so the runner can check none was a duplicate. */
export const handled = { count: 0 };

/** Every configuration module exports this: a server, not yet listening. */
export type MakeServer = () => Promise<Server>;
