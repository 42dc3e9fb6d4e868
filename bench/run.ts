/**
 * `npm run bench`: Keyroom against the reference @y/websocket-server, side by
 * side in one process tree, driven by the same headless official y-websocket
 * clients. Prints a table and writes bench/results/<time>.json. Every scenario
 * repeats (default 3) and reports medians. BENCH_REPEATS and BENCH_SCALE
 * (0.1–1, shortens durations) trim a run for a quick look. BENCH_ONLY=portfolio
 * runs only the portfolio scenario (1,000 accounts with KPIs, every view's p50).
 */
import fs from "node:fs";
import path from "node:path";
import {
  buildHistory,
  openClient,
  runEditScenario,
  sleep,
  timeOpen,
  type BenchClient,
  type ScenarioResult,
} from "./load";
import { measurePersistence } from "./persistence";
import { measurePortfolio, type PortfolioBench } from "./portfolio";
import { rssBytes, startKeyroom, startReference, type BenchServer } from "./servers";
import { prepareKeyroomData } from "./setup";
import { fmt, median, ratio } from "./stats";

// Each official provider adds a process "exit" listener; hundreds are expected here.
process.setMaxListeners(0);

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const SCALE = Math.min(1, Math.max(0.1, Number(process.env.BENCH_SCALE ?? 1)));
const HISTORY = 50_000;
const IDLE_DOCS = 1000;
const ACCOUNTS = 1000;

interface EditScenario {
  name: string;
  docs: number;
  editorsPerDoc: number;
  editsPerSecond: number;
  seconds: number;
}

const ALL_EDIT_SCENARIOS: EditScenario[] = [
  { name: "2 editors (latency floor)", docs: 1, editorsPerDoc: 2, editsPerSecond: 5, seconds: 8 },
  { name: "50 editors, 1 doc, 2 edits/s", docs: 1, editorsPerDoc: 50, editsPerSecond: 2, seconds: 10 },
  { name: "200 editors, 1 doc, 1 edit/s", docs: 1, editorsPerDoc: 200, editsPerSecond: 1, seconds: 10 },
  { name: "100 docs x 5 editors, 1 edit/s", docs: 100, editorsPerDoc: 5, editsPerSecond: 1, seconds: 10 },
];

// BENCH_SCENARIOS=200 runs only the edit scenarios whose name contains "200".
const EDIT_SCENARIOS = ALL_EDIT_SCENARIOS.filter((s) => s.name.includes(process.env.BENCH_SCENARIOS ?? ""));

type Row = {
  scenario: string;
  server: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  deliveredPerSecond: number;
  lost: number;
  peakRssMiB: number;
};

const mib = (bytes: number) => bytes / 1024 / 1024;

/** Below this the portfolio renders fast enough with 1,000 accounts. */
const PORTFOLIO_TARGET_MS = 50;

async function main() {
  if (process.env.BENCH_ONLY === "portfolio") {
    printPortfolio(await measurePortfolio(ACCOUNTS, log));
    return;
  }
  const started = Date.now();
  const docsNeeded = EDIT_SCENARIOS.reduce((n, s) => n + s.docs * REPEATS, 0) + IDLE_DOCS + 2;
  log(`preparing Keyroom data: ${docsNeeded} documents, ${ACCOUNTS} extra accounts…`);
  const data = await prepareKeyroomData(docsNeeded, ACCOUNTS);
  const freshDocs = (n: number) => data.docIds.splice(0, n);

  const reference = await startReference();
  let keyroom = await startKeyroom(data.dataDir);
  const servers = [keyroom, reference];
  const rows: Row[] = [];

  for (const scenario of EDIT_SCENARIOS) {
    const runs: Record<string, ScenarioResult[]> = { keyroom: [], reference: [] };
    for (let r = 0; r < REPEATS; r++) {
      const docs = freshDocs(scenario.docs);
      for (const server of servers) {
        log(`${scenario.name} · ${server.name} · run ${r + 1}/${REPEATS}`);
        runs[server.name].push(
          await runEditScenario(server, {
            docs,
            editorsPerDoc: scenario.editorsPerDoc,
            editsPerSecond: scenario.editsPerSecond,
            durationMs: scenario.seconds * 1000 * SCALE,
          }),
        );
        await sleep(500);
      }
    }
    for (const server of servers) {
      const results = runs[server.name];
      rows.push({
        scenario: scenario.name,
        server: server.name,
        p50: median(results.map((x) => x.latency.p50)),
        p95: median(results.map((x) => x.latency.p95)),
        p99: median(results.map((x) => x.latency.p99)),
        max: median(results.map((x) => x.latency.max)),
        deliveredPerSecond: median(results.map((x) => x.deliveredPerSecond)),
        lost: Math.max(...results.map((x) => x.lost)),
        peakRssMiB: median(results.map((x) => mib(x.peakRssBytes))),
      });
    }
  }

  // Cold open of a document with 50,000 updates in its history.
  log(`building a ${HISTORY}-update history on both servers…`);
  const [historyDoc] = freshDocs(1);
  const builder = await startKeyroom(data.dataDir, {
    COLLAB_UPDATES_PER_SECOND: "1000000",
    COLLAB_UPDATE_BURST: "1000000",
  });
  (await buildHistory(builder, historyDoc, HISTORY)).destroy();
  await builder.stop();
  await keyroom.stop();
  keyroom = await startKeyroom(data.dataDir);
  servers[0] = keyroom;
  const holder: BenchClient = await buildHistory(reference, historyDoc, HISTORY);
  const coldOpen: Record<string, number[]> = { keyroom: [], reference: [] };
  for (let r = 0; r < REPEATS; r++) {
    for (const server of servers) {
      if (server.name === "keyroom") await sleep(1500); // idle unload (1 s) so each open is cold
      const { ms, chars } = await timeOpen(server, historyDoc);
      if (chars < HISTORY) throw new Error(`${server.name}: opened doc has ${chars} chars, expected ≥ ${HISTORY}`);
      coldOpen[server.name].push(ms);
    }
  }
  holder.destroy();

  // 1,000 documents opened, then left idle.
  const idleDocs = freshDocs(IDLE_DOCS);
  const memory: Record<string, { baselineMiB: number; peakMiB: number; afterMiB: number }> = {};
  for (const server of servers) {
    log(`opening ${IDLE_DOCS} documents on ${server.name}…`);
    // Memory is read after a full GC (through the inspector) on both servers:
    // otherwise V8 keeps freed pages and RSS says more about GC timing than leaks.
    await server.collectGarbage();
    const baseline = rssBytes(server.pid);
    let peak = baseline;
    const clients: BenchClient[] = [];
    for (let i = 0; i < idleDocs.length; i += 50) {
      clients.push(...(await Promise.all(idleDocs.slice(i, i + 50).map((id, j) => openClient(server, id, j)))));
      peak = Math.max(peak, rssBytes(server.pid));
    }
    for (const client of clients) client.destroy();
    await sleep(3000); // Keyroom unloads after 1 s idle; the reference drops docs at once
    await server.collectGarbage();
    memory[server.name] = { baselineMiB: mib(baseline), peakMiB: mib(peak), afterMiB: mib(rssBytes(server.pid)) };
  }

  // Server render of the portfolio and an account page with 1,000+ accounts.
  const render = await measureRender(keyroom, data.accountId);

  for (const server of servers) await server.stop();

  // Raw group-commit throughput (no server running: one writer).
  log("measuring raw persistence throughput…");
  const [persistDoc] = freshDocs(1);
  const persistence = median(await repeat(() => measurePersistence(data.dataDir, persistDoc, 50_000)));
  const portfolio = await measurePortfolio(ACCOUNTS, log);

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    repeats: REPEATS,
    scale: SCALE,
    seconds: Math.round((Date.now() - started) / 1000),
    scenarios: rows,
    coldOpenMs: { keyroom: median(coldOpen.keyroom), reference: median(coldOpen.reference), historyUpdates: HISTORY },
    idleMemory: memory,
    persistenceUpdatesPerSecond: persistence,
    renderMs: render,
    portfolioMs: portfolio,
  };
  printReport(report);
  printPortfolio(portfolio);
  const dir = path.resolve("bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.date.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  fs.rmSync(data.dataDir, { recursive: true, force: true });
}

async function repeat<T>(fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let r = 0; r < REPEATS; r++) out.push(await fn());
  return out;
}

async function measureRender(server: BenchServer, accountId: string) {
  const cookie = server.cookies.get("lead") ?? "";
  const time = async (pathname: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      const res = await fetch(`${server.httpBase}${pathname}`, { headers: { cookie } });
      await res.text();
      if (res.status !== 200) throw new Error(`${pathname}: ${res.status}`);
      if (i >= 10) samples.push(performance.now() - t); // first requests warm the JIT
    }
    return median(samples);
  };
  return { portfolioP50: await time("/accounts"), accountPageP50: await time(`/accounts/${accountId}`) };
}

function printReport(report: {
  scenarios: Row[];
  coldOpenMs: { keyroom: number; reference: number };
  idleMemory: Record<string, { baselineMiB: number; peakMiB: number; afterMiB: number }>;
  persistenceUpdatesPerSecond: number;
  renderMs: { portfolioP50: number; accountPageP50: number };
}) {
  console.log("\nPropagation latency (ms, edit on one client → seen by each other client), medians of runs");
  console.log(
    pad("scenario", 34) +
      pad("server", 11) +
      ["p50", "p95", "p99", "max", "deliv/s", "lost", "RSS MiB", "p99 ratio"].map((h) => pad(h, 10)).join(""),
  );
  for (const row of report.scenarios) {
    const ref = report.scenarios.find((r) => r.scenario === row.scenario && r.server === "reference");
    const r99 = row.server === "keyroom" && ref ? fmt(ratio(row.p99, ref.p99), 2) : "";
    console.log(
      pad(row.scenario, 34) +
        pad(row.server, 11) +
        [
          fmt(row.p50),
          fmt(row.p95),
          fmt(row.p99),
          fmt(row.max),
          fmt(row.deliveredPerSecond, 0),
          String(row.lost),
          fmt(row.peakRssMiB),
          r99,
        ]
          .map((v) => pad(v, 10))
          .join(""),
    );
  }
  const k = report.coldOpenMs;
  console.log(
    `\nCold open, 50,000-update history: keyroom ${fmt(k.keyroom)} ms (from SQLite, compacted) · reference ${fmt(k.reference)} ms (held in memory) · ratio ${fmt(ratio(k.keyroom, k.reference), 2)}`,
  );
  for (const [name, m] of Object.entries(report.idleMemory)) {
    console.log(
      `1,000 docs idle, ${name}: RSS ${fmt(m.baselineMiB)} → peak ${fmt(m.peakMiB)} → after unload ${fmt(m.afterMiB)} MiB (${fmt((m.afterMiB / m.baselineMiB - 1) * 100)}% over baseline)`,
    );
  }
  console.log(`Group-committed persistence: ${fmt(report.persistenceUpdatesPerSecond, 0)} updates/s to SQLite`);
  console.log(
    `Server render p50 with 1,000+ accounts: portfolio ${fmt(report.renderMs.portfolioP50)} ms · account page ${fmt(report.renderMs.accountPageP50)} ms`,
  );

  const targets: Array<[string, boolean]> = [];
  const at = (scenario: string, server: string) =>
    report.scenarios.find((r) => r.scenario.startsWith(scenario) && r.server === server);
  const k50 = at("50 editors", "keyroom");
  const r50 = at("50 editors", "reference");
  if (k50 && r50)
    targets.push([`p99 ratio ≤ 1.0 at 50 editors (${fmt(ratio(k50.p99, r50.p99), 2)})`, ratio(k50.p99, r50.p99) <= 1]);
  const k200 = at("200 editors", "keyroom");
  if (k200)
    targets.push([
      `p99 < 100 ms at 200 editors, nothing lost (${fmt(k200.p99)} ms, lost ${k200.lost})`,
      k200.p99 < 100 && k200.lost === 0,
    ]);
  targets.push([`cold open < 50 ms (${fmt(k.keyroom)} ms)`, k.keyroom < 50]);
  const mem = report.idleMemory.keyroom;
  if (mem)
    targets.push([
      `memory within 10% of baseline after unload (${fmt((mem.afterMiB / mem.baselineMiB - 1) * 100)}%)`,
      mem.afterMiB <= mem.baselineMiB * 1.1,
    ]);
  targets.push([
    `≥ 5,000 persisted updates/s (${fmt(report.persistenceUpdatesPerSecond, 0)})`,
    report.persistenceUpdatesPerSecond >= 5000,
  ]);
  targets.push([
    `page render p50 < 30 ms (portfolio ${fmt(report.renderMs.portfolioP50)}, account ${fmt(report.renderMs.accountPageP50)})`,
    report.renderMs.portfolioP50 < 30 && report.renderMs.accountPageP50 < 30,
  ]);
  console.log("\nTargets (see docs/performance.md):");
  for (const [label, met] of targets) console.log(`  ${met ? "MET   " : "MISSED"} ${label}`);
}

function printPortfolio(portfolio: PortfolioBench) {
  console.log(`\nPortfolio, ${ACCOUNTS} accounts with KPIs, as an executive: server render p50 per view (ms)`);
  for (const [view, ms] of Object.entries(portfolio)) console.log(`  ${pad(view, 40)}${fmt(ms)}`);
  const worst = Math.max(...Object.values(portfolio));
  console.log(
    `  ${worst < PORTFOLIO_TARGET_MS ? "MET   " : "MISSED"} p50 < ${PORTFOLIO_TARGET_MS} ms in every view (${fmt(worst)})`,
  );
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + " ".repeat(width - text.length);
}

function log(message: string) {
  console.error(`[bench] ${message}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
