/** Messages between the bench (bench/load.ts) and its load-generator processes. */
import type { ServerName } from "./servers";

export type WorkerCommand =
  | {
      type: "open";
      serverName: ServerName;
      collabBase: string;
      collabSpread?: string[];
      cookies: Array<[string, string]>;
      assignments: Array<{ docId: string; user: number }>;
      /** Editors time the marked edits they receive; viewers only watch for a paste. */
      role: "editor" | "viewer";
      /** Editors become light receivers when the edits start (see `ScenarioSpec.light`). */
      light?: boolean;
    }
  | { type: "go"; worker: number; editsPerSecond: number; durationMs: number }
  | { type: "drain"; expected: number }
  /** Reply "watching" at once, then "converged" when every client has `author`'s items up to `clock`. */
  | { type: "converge"; author: number; clock: number; timeoutMs: number };

export type WorkerReply =
  | { type: "ready" }
  | { type: "edited"; edits: Record<string, number> }
  /** `cpuMicros`: this process's CPU (user + system) from "go" until this reply. */
  | { type: "result"; latencies: number[]; delivered: number; cpuMicros: number }
  | { type: "watching" }
  /** `at`: when each client had all of it (epoch ms), NaN if it never did; `cpuMicros` from "converge" on. */
  | { type: "converged"; at: number[]; cpuMicros: number }
  | { type: "error"; message: string };
