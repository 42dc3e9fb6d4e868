import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { richDoc } from "../test/yjs-fixtures";
import { AdmittedUpdates } from "./admitted-updates";
import { InvalidUpdateError, MissingDependencyError } from "./update-validator";

/** Deterministic PRNG (mulberry32) so a failure replays. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Admission on an empty document, and the document the stored updates are applied to. */
function emptyDocument() {
  const ydoc = new Y.Doc();
  const updates = new AdmittedUpdates(ydoc);
  return {
    ydoc,
    admit: (update: Uint8Array) => updates.admit(update),
    applyNextStored: (origin: unknown) => updates.applyNextStored(origin),
    get inFlight() {
      return updates.inFlight;
    },
    destroy() {
      updates.destroy();
      ydoc.destroy();
    },
  };
}

describe("AdmittedUpdates.admit (the shadow copy)", () => {
  it("lets through only updates that Yjs applies cleanly with nothing pending, whatever the corruption", () => {
    // (A truncated or bit-flipped update often makes Yjs throw halfway, or park structs.)
    const update = Y.encodeStateAsUpdate(richDoc());
    const random = prng(7);
    let live = emptyDocument();
    let admitted = 0;
    let refusedByShadow = 0;
    for (let i = 0; i < 3000; i++) {
      const mutated = update.slice(0, i % 7 === 0 ? Math.floor(random() * update.length) : update.length);
      if (mutated.length > 0) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      // Straight to the shadow, without the byte-level scan in front of it: the
      // shadow alone must hold whatever Yjs throws on or would park.
      try {
        live.admit(mutated);
      } catch (error) {
        expect(error instanceof InvalidUpdateError || error instanceof MissingDependencyError).toBe(true);
        refusedByShadow++;
        continue;
      }
      admitted++;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, mutated);
      expect(doc.store.pendingStructs).toBeNull();
      expect(doc.store.pendingDs).toBeNull();
      live.destroy();
      live = emptyDocument();
    }
    expect(admitted).toBeGreaterThan(0);
    expect(refusedByShadow).toBeGreaterThan(0);
  });

  it("a refused update leaves the shadow clean: the next good update is admitted and applied", () => {
    const live = emptyDocument();
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (u: Uint8Array) => updates.push(u));
    const fragment = source.getXmlFragment("default");
    fragment.insert(0, [new Y.XmlText("first")]);
    fragment.insert(1, [new Y.XmlText("second")]);
    expect(() => live.admit(updates[1])).toThrow(MissingDependencyError);
    live.admit(updates[0]);
    live.admit(updates[1]);
    expect(live.inFlight).toBe(2);
    live.applyNextStored({ send: () => undefined, awarenessOwner: { clientId: null, clockOffset: 0 } });
    live.applyNextStored({ send: () => undefined, awarenessOwner: { clientId: null, clockOffset: 0 } });
    expect(live.ydoc.getXmlFragment("default").toString()).toBe("firstsecond");
    live.destroy();
  });
});
