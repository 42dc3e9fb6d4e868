/**
 * Who may load a document: with several processes (scale-out), exactly one
 * owns each loaded document and alone appends, compacts and broadcasts it.
 * A process that does not own a document serves its clients through the
 * owner (server/cluster/forwarding.ts).
 */
export type Claim = { owned: true } | { owned: false; owner: string };

export interface DocOwnership {
  /** Before a load: takes the document, or says which process has it. */
  claim(documentId: string): Promise<Claim>;
  /** After an unload, or a load that failed: the document is free for anyone. */
  release(documentId: string): Promise<void>;
  /** Called with each document this process lost (another took it over): it must stop serving it. */
  onLost(listener: (documentId: string) => void): void;
  /** Gives back whatever is still held. */
  close(): Promise<void>;
}

/** One process, the embedded default: it owns everything. */
export const SOLE_OWNER: DocOwnership = {
  claim: () => Promise.resolve({ owned: true }),
  release: () => Promise.resolve(),
  onLost: () => undefined,
  close: () => Promise.resolve(),
};

/** The document is owned by another process, at `owner`. */
export class OwnedElsewhere extends Error {
  constructor(
    readonly documentId: string,
    readonly owner: string,
  ) {
    super(`document ${documentId} is owned by ${owner}`);
  }
}
