import type { CollabLimits } from "./limits";

type LoadingLimits = Pick<
  CollabLimits,
  "maxLoadingMessages" | "maxLoadingBytes" | "maxLoadingMessagesTotal" | "maxLoadingBytesTotal"
>;

/** Messages (and their bytes) waiting for documents to load, over all connections of the server. */
export class LoadingBudget {
  messages = 0;
  bytes = 0;

  constructor(readonly limits: LoadingLimits) {}
}

/**
 * Messages that arrive on a connection while its document loads. They wait,
 * in order, up to a bound per connection and over all connections (the
 * budget): a slow load must not let clients pile up memory. Past a bound
 * everything held is dropped and `onOverflow` runs once.
 */
export class EarlyMessages {
  private readonly held: Uint8Array[] = [];
  private heldBytes = 0;
  private overflowed = false;

  constructor(
    private readonly budget: LoadingBudget,
    private readonly onOverflow: () => void,
  ) {}

  hold(message: Uint8Array): void {
    if (this.overflowed) return;
    if (this.wouldOverflow(message.byteLength)) {
      this.overflowed = true;
      this.release();
      this.onOverflow();
      return;
    }
    this.held.push(message);
    this.heldBytes += message.byteLength;
    this.budget.messages++;
    this.budget.bytes += message.byteLength;
  }

  /** What waited, in arrival order; the budget gets its share back. */
  take(): Uint8Array[] {
    const waiting = this.held.slice();
    this.release();
    return waiting;
  }

  /** Drops what waits (the connection closed) and gives the budget back. */
  release = (): void => {
    this.budget.messages -= this.held.length;
    this.budget.bytes -= this.heldBytes;
    this.held.length = 0;
    this.heldBytes = 0;
  };

  private wouldOverflow(bytes: number): boolean {
    const { limits } = this.budget;
    return (
      this.held.length >= limits.maxLoadingMessages ||
      this.heldBytes + bytes > limits.maxLoadingBytes ||
      this.budget.messages >= limits.maxLoadingMessagesTotal ||
      this.budget.bytes + bytes > limits.maxLoadingBytesTotal
    );
  }
}
