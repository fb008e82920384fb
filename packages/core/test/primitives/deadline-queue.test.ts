import { describe, expect, it } from "vitest";
import { DeadlineQueue, deadlinesOf } from "../../src/primitives/deadline-queue";
import { deadlinesOf as webDeadlinesOf } from "../../src/primitives/deadlines-web";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("DeadlineQueue", () => {
  it("fires each deadline once, in the order they were set, no earlier than its duration", async () => {
    const queue = new DeadlineQueue(40);
    const fired: [string, number][] = [];
    const start = performance.now();
    queue.add(() => fired.push(["a", performance.now() - start]));
    await sleep(15);
    queue.add(() => fired.push(["b", performance.now() - start]));
    queue.add(() => fired.push(["c", performance.now() - start]));
    await sleep(120);
    expect(fired.map(([name]) => name)).toEqual(["a", "b", "c"]);
    expect(fired[0]![1]).toBeGreaterThanOrEqual(39);
    expect(fired[1]![1]).toBeGreaterThanOrEqual(54);
  });

  it("never fires a cancelled deadline, wherever it is in the list", async () => {
    const queue = new DeadlineQueue(30);
    const fired: string[] = [];
    const cancelFirst = queue.add(() => fired.push("first"));
    const cancelMiddle = queue.add(() => fired.push("middle"));
    queue.add(() => fired.push("last"));
    const cancelOnly = queue.add(() => fired.push("cancelled twice"));
    cancelMiddle();
    cancelFirst();
    cancelOnly();
    cancelOnly();
    await sleep(80);
    expect(fired).toEqual(["last"]);
    // Cancelling after it fired is a no-op, and the queue keeps working afterwards.
    queue.add(() => fired.push("again"));
    await sleep(80);
    expect(fired).toEqual(["last", "again"]);
  });

  it("does not fire at once for a duration past the 24.8-day limit of timers", async () => {
    const queue = new DeadlineQueue(2 ** 32);
    let fired = false;
    const cancel = queue.add(() => {
      fired = true;
    });
    await sleep(30);
    expect(fired).toBe(false);
    cancel();
  });

  it("gives one queue per duration", () => {
    expect(deadlinesOf(1234)).toBe(deadlinesOf(1234));
    expect(deadlinesOf(1234)).not.toBe(deadlinesOf(1235));
  });
});

describe("deadlinesOf, the edge runtimes' deadlines (a timer each)", () => {
  it("fires a deadline after its duration unless cancelled", async () => {
    const fired: string[] = [];
    const deadlines = webDeadlinesOf(20);
    deadlines.add(() => fired.push("kept"));
    const cancel = deadlines.add(() => fired.push("cancelled"));
    cancel();
    await sleep(60);
    expect(fired).toEqual(["kept"]);
  });
});
