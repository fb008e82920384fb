import { DurableObject } from "cloudflare:workers";
import type { ClaimResult } from "@scribehook/core/fetch";

interface Entry {
  /** Who holds the claim; absent once the delivery is processed. */
  owner?: string;
  /** Unix ms after which the entry no longer counts (and its alarm deletes it). */
  expiresAt: number;
}

/**
 * One idempotency key's state: a Durable Object per key (`idFromName(key)`). A Durable Object handles
 * one event at a time, and does not take the next one while a storage call is in flight, so the
 * read-then-write in `claim()` is atomic: of concurrent claims exactly one wins, on every instance of the
 * Worker, which is what scribehook's dedupe needs. An alarm deletes the entry when it expires.
 */
export class DedupeObject extends DurableObject {
  async claim(owner: string, ttlMs: number): Promise<ClaimResult> {
    const entry = await this.live();
    if (entry) return entry.owner === undefined ? "duplicate" : "in_progress";
    await this.save({ owner, expiresAt: Date.now() + ttlMs });
    return "claimed";
  }

  async complete(_owner: string, ttlMs: number): Promise<void> {
    await this.save({ expiresAt: Date.now() + ttlMs });
  }

  async release(owner: string): Promise<void> {
    if ((await this.live())?.owner === owner) await this.ctx.storage.deleteAll();
  }

  async alarm(): Promise<void> {
    const entry = await this.live();
    if (entry) await this.ctx.storage.setAlarm(entry.expiresAt);
    else await this.ctx.storage.deleteAll();
  }

  private async live(): Promise<Entry | undefined> {
    const entry = await this.ctx.storage.get<Entry>("entry");
    return entry && entry.expiresAt > Date.now() ? entry : undefined;
  }

  private async save(entry: Entry): Promise<void> {
    await this.ctx.storage.put("entry", entry);
    await this.ctx.storage.setAlarm(entry.expiresAt);
  }
}
