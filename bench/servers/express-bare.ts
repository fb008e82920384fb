import { createServer } from "node:http";
import express from "express";
import { handled, type MakeServer } from "./common";

/** Express 5 with express.raw(): the body as a Buffer, nothing checked. */
export const make: MakeServer = async () => {
  const app = express();
  app.post("/webhooks/instanttranscriber", express.raw({ type: "*/*", limit: "25mb" }), (_req, res) => {
    handled.count++;
    res.json({ ok: true });
  });
  return createServer(app);
};
