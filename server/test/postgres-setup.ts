import type { TestProject } from "vitest/node";
import { seedDemoWorkspace } from "../../prisma/seed";
import { openPostgres } from "../postgres/open";
import { createDatabase, POSTGRES_SERVER } from "./postgres";

/**
 * The cluster suite's global setup: one migrated, demo-seeded PostgreSQL
 * database per run, which every test copies (`CREATE DATABASE … TEMPLATE`),
 * so tests never share data and never pay for migrations or password hashing
 * twice. Fails at once, saying so, when PostgreSQL is not running.
 */
export default async function setup(project: TestProject) {
  let template;
  try {
    template = await createDatabase();
  } catch (error) {
    throw new Error(
      `The cluster tests need PostgreSQL at ${POSTGRES_SERVER} (set TEST_POSTGRES_URL for another): ${String(error)}`,
    );
  }
  const postgres = await openPostgres(template.url);
  await seedDemoWorkspace(postgres.db);
  // A template database must have no open connection when it is copied.
  await postgres.close();
  project.provide("postgresTemplate", template.name);
  return () => template.drop();
}
