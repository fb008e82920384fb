import { createServer } from "node:http";
import express from "express";
import { rawBody } from "../dist";
import type { MakeServer } from "./common";
import { SIGNATURE_HEADER, verifyByHand } from "./handwritten";

/** The Express reference: a hand-written route with raw-body + HMAC + timingSafeEqual + JSON.parse. */
export const make: MakeServer = async () => {
  const app = express();
  app.post("/webhooks/instanttranscriber", async (req, res, next) => {
    try {
      const body = await rawBody(req, { limit: "25mb" });
      const status = verifyByHand(body, req.headers[SIGNATURE_HEADER]);
      if (status === 200) res.json({ ok: true });
      else res.status(status).end();
    } catch (err) {
      next(err);
    }
  });
  return createServer(app);
};
