import * as decoding from "lib0/decoding";
import { describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { FanOut, type Peer } from "./fan-out";

/** A peer that keeps what it is sent, as sync-update payloads. */
class Inbox implements Peer {
  readonly received: Uint8Array[] = [];
  readonly awarenessOwner = { clientId: null, clockOffset: 0 };
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder); // sync
    expect(decoding.readVarUint(decoder)).toBe(2); // update
    this.received.push(decoding.readVarUint8Array(decoder));
  }
  close(): void {
    throw new Error("a peer that keeps up is never closed");
  }
}

function room(size: number) {
  const doc = new Y.Doc();
  const peers = new Set(Array.from({ length: size }, () => new Inbox()));
  new FanOut(doc, peers);
  // Each edit from a client of its own, so any subset of them applies on its own, as
  // the server's document receives them from many people.
  const type = (key: string, origin: Peer | null = null) => {
    const author = new Y.Doc();
    author.getMap("m").set(key, true);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(author), origin);
  };
  return { doc, peers: [...peers], type };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The edits a peer was sent, in a fresh document. */
function textOf(peer: Inbox): string {
  const copy = new Y.Doc();
  for (const update of peer.received) Y.applyUpdate(copy, update);
  return [...copy.getMap("m").keys()].sort().join("");
}

describe("fan-out", () => {
  it("in a small room, sends what one turn of the event loop applied as one message, to everyone but its author", async () => {
    const { peers, type } = room(3);
    type("a", peers[0]);
    type("b", peers[1]);
    await tick();
    expect(peers.map((peer) => peer.received.length)).toEqual([1, 1, 1]);
    expect(textOf(peers[0])).toBe("b");
    expect(textOf(peers[1])).toBe("a");
    expect(textOf(peers[2])).toBe("ab");
  });

  it("in a big room, sends the first edit after a quiet spell at once, then at most one message per window", () => {
    // The clock is the test's: on a busy machine 8 ms can pass between two lines.
    vi.useFakeTimers({ toFake: ["setTimeout", "setImmediate", "performance"] });
    try {
      const { peers, type } = room(120);
      type("first");
      vi.advanceTimersByTime(0);
      // Not held back for a window: nothing was sent lately.
      expect(peers.every((peer) => peer.received.length === 1)).toBe(true);

      // A burst 2 ms later: held back, merged, and sent once the window has passed.
      vi.advanceTimersByTime(2);
      for (const letter of "vwxyz") type(letter);
      vi.advanceTimersByTime(5);
      expect(peers[0].received.length).toBe(1);
      vi.advanceTimersByTime(1);
      expect(peers.every((peer) => peer.received.length === 2)).toBe(true);
      expect(peers.every((peer) => textOf(peer) === "firstvwxyz")).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("in a big room, leaves each author's own edits out of what it is sent", async () => {
    const { peers, type } = room(120);
    type("x", peers[5]);
    type("y", peers[6]);
    await sleep(30);
    expect(textOf(peers[5])).toBe("y");
    expect(textOf(peers[6])).toBe("x");
    expect(textOf(peers[7])).toBe("xy");
  });
});
