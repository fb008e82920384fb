import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import express from "express";
import { rawBody } from "../dist";
import { BENCH_SECRET } from "../payload";
import { handled, type MakeServer } from "./common";

/**
 * The practical limit: an Express middleware doing only what any verifying receiver must —
 * raw-body, HMAC-SHA256, timingSafeEqual, JSON.parse, read the job id — and nothing else
 * (no dedupe, no normalisation, no error contract).
 */
export const make: MakeServer = async () => {
  const app = express();
  app.post("/webhooks/instanttranscriber", async (req, res, next) => {
    try {
      const body = await rawBody(req, { limit: "25mb" });
      const header = String(req.headers["x-instanttranscriber-signature"] ?? "");
      const given = Buffer.from(header.slice("sha256=".length), "hex");
      const expected = createHmac("sha256", BENCH_SECRET).update(body).digest();
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(401).end();
        return;
      }
      const payload = JSON.parse(body.toString("utf8")) as { id?: string };
      if (!payload.id) {
        res.status(400).end();
        return;
      }
      handled.count++;
      res.json({ ok: true });
    } catch (err) {
      next(err);
    }
  });
  return createServer(app);
};
