/** Messages between the bench (bench/load.ts) and its load-generator processes. */
export type WorkerCommand =
  | {
      type: "open";
      serverName: "keyroom" | "reference";
      collabBase: string;
      cookies: Array<[string, string]>;
      assignments: Array<{ docId: string; index: number }>;
    }
  | { type: "go"; worker: number; editsPerSecond: number; durationMs: number }
  | { type: "drain"; expected: number };

export type WorkerReply =
  | { type: "ready" }
  | { type: "edited"; edits: Record<string, number> }
  | { type: "result"; latencies: number[]; delivered: number }
  | { type: "error"; message: string };
