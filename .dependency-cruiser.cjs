// Import rules that keep the layout honest: no cycles, features below routes,
// the collaboration server independent of the Remix app, and no server-only
// module in anything the browser loads. `npm run lint:deps` checks them.

// Remix route modules: thin adapters that may reach into everything else.
const ROUTE_MODULE = "^app/(routes/|root\\.tsx$)";
// The modules Remix itself loads by name: routes and the two entries.
const REMIX_MODULE = `${ROUTE_MODULE}|^app/entry\\.(server|client)\\.tsx$`;
const SERVER_ONLY = "\\.server\\.tsx?$";
const TEST = "\\.(test|spec)\\.tsx?$";
// Harness, fixtures and helpers that only tests load.
const TEST_SUPPORT = "^server/test/";
// Where the product starts: Remix's entries and routes, the server's main
// module and the npm scripts. Tests are not among them, so code only a test
// reaches counts as dead.
const ENTRY_POINT = [REMIX_MODULE, "^server/index\\.ts$", "^(scripts|bench)/[^/]+\\.ts$", "^prisma/seed\\.ts$"].join(
  "|",
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Import cycle. Move what both sides need into a module they can both import. " +
        "Type-only imports count: a cycle through types still ties the modules' " +
        "meaning together, and TypeScript decides per specifier whether an import " +
        "is erased, so a cycle that is type-only today turns into a runtime one " +
        "with a single edit.",
      from: {},
      to: { circular: true },
    },
    {
      name: "features-not-to-routes",
      severity: "error",
      comment:
        "Route modules are adapters over features and shared code, never the other way " +
        "round. Put the type or helper a feature needs in the feature and let the route import it.",
      from: { path: "^app/", pathNot: REMIX_MODULE },
      to: { path: ROUTE_MODULE },
    },
    {
      name: "collab-not-to-app",
      severity: "error",
      comment:
        "The collaboration server runs without Remix; it shares vocabulary with the " +
        "browser through modules outside app/, never by importing app/.",
      from: { path: "^server/collab/" },
      to: { path: "^app/" },
    },
    {
      name: "server-lib-not-to-app",
      severity: "error",
      comment: "server/lib holds process-wide helpers that everything may use; they depend on nothing in app/.",
      from: { path: "^server/lib/" },
      to: { path: "^app/" },
    },
    {
      name: "browser-not-to-server-only",
      severity: "error",
      comment:
        "The classic Remix compiler turns a `.server` import in browser code into an " +
        "empty module, not a build error. Only route modules (whose loaders and " +
        "actions Remix strips from the browser bundle), other `.server` modules and " +
        "tests may import one.",
      from: {
        path: "^app/",
        pathNot: [ROUTE_MODULE, SERVER_ONLY, TEST],
      },
      to: { path: SERVER_ONLY },
    },
    {
      name: "browser-not-to-server-process",
      severity: "error",
      comment:
        "Anything the browser loads, route modules included, reaches the Node process " +
        "(server/) only through a `.server` module: esbuild keeps a route's module-level " +
        "imports even when only its loader or action uses them, so a logger imported by " +
        "a route ships in the page's JavaScript. The collab wire contract is meant for both.",
      from: { path: "^app/", pathNot: [SERVER_ONLY, TEST, "^app/entry\\.server\\.tsx$"] },
      to: { path: "^server/", pathNot: "^server/collab/wire/" },
    },
    {
      name: "hocuspocus-only-in-bench",
      severity: "error",
      comment:
        "Hocuspocus is an anchor `npm run bench` measures Keyroom against (a devDependency, " +
        "not installed in production). The app and the server never load it.",
      from: { path: "^(app|server)/" },
      to: { path: "(^|/)node_modules/@hocuspocus/" },
    },
    {
      name: "no-unreachable",
      severity: "error",
      comment:
        "Nothing the app, the server, a script or a test starts from reaches this " +
        "module. Delete it, or import it where it is meant to be used.",
      from: { path: ENTRY_POINT },
      to: { path: "^(app|server)/", pathNot: [ENTRY_POINT, TEST, TEST_SUPPORT, "\\.d\\.ts$"], reachable: false },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment:
        "An import that resolves to nothing. Besides a missing package, this catches " +
        "the `~/` alias no longer resolving, which would make every rule above pass " +
        "vacuously.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|public/build|e2e/artifacts|bench/results|test-results)/" },
    tsConfig: { fileName: "tsconfig.json" },
    // Count `import type` and type-only specifiers, see no-circular.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
    progress: { type: "none" },
  },
};
