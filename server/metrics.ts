import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CollabHook } from "./collab/hooks";
import { CloseCode } from "./collab/wire/close-codes";

/** Close codes that mean the server refused a client's input or pace (counted by code). */
const REFUSAL_CODES: ReadonlySet<number> = new Set([
  CloseCode.MessageTooBig,
  CloseCode.InvalidMessage,
  CloseCode.DocumentTooLarge,
  CloseCode.RateLimited,
  CloseCode.Resync,
  CloseCode.TryAgainLater,
]);

/**
 * Prometheus metrics for one server (`GET /metrics`). A registry per server,
 * not the global one, so tests can run several servers in one process.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly updatesReceived = new Counter({
    name: "keyroom_collab_updates_total",
    help: "Document updates accepted into the write-ahead log",
    registers: [this.registry],
  });
  readonly updatesRefused = new Counter({
    name: "keyroom_collab_refusals_total",
    help: "Connections closed for bad input or limits, by close code",
    labelNames: ["code"],
    registers: [this.registry],
  });
  readonly updatesThrottled = new Counter({
    name: "keyroom_collab_throttled_total",
    help: "Document messages that waited for their connection's or user's rate budget (slowed, not refused)",
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: "keyroom_persistence_batch_size",
    help: "Updates per group commit",
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: "keyroom_persistence_batch_seconds",
    help: "Time to commit one batch of updates",
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor(sources: { openConnections(): number; loadedDocuments(): number; hubClients(): number }) {
    new Gauge({
      name: "keyroom_collab_connections",
      help: "Open collaboration WebSocket connections",
      registers: [this.registry],
      collect() {
        this.set(sources.openConnections());
      },
    });
    new Gauge({
      name: "keyroom_collab_documents_loaded",
      help: "Documents loaded in memory",
      registers: [this.registry],
      collect() {
        this.set(sources.loadedDocuments());
      },
    });
    new Gauge({
      name: "keyroom_hub_clients",
      help: "Connected socket.io clients on the team hub",
      registers: [this.registry],
      collect() {
        this.set(sources.hubClients());
      },
    });
    // Process metrics, including event-loop lag (nodejs_eventloop_lag_*), heap and RSS.
    collectDefaultMetrics({ register: this.registry, prefix: "keyroom_" });
  }

  /** The collaboration server's counters, fed as a hook. */
  readonly collabHook: CollabHook = {
    name: "metrics",
    afterAdmit: () => this.updatesReceived.inc(),
    onThrottle: () => this.updatesThrottled.inc(),
    afterCommit: ({ size, seconds }) => {
      this.batchSize.observe(size);
      this.batchSeconds.observe(seconds);
    },
    onDisconnect: ({ code }) => {
      if (REFUSAL_CODES.has(code)) this.updatesRefused.inc({ code });
    },
  };
}
