#!/usr/bin/env bash
# Starts Keyroom for the e2e suite on a fresh, seeded database in a temp dir.
set -euo pipefail
export DATA_DIR="$(mktemp -d -t keyroom-e2e-XXXXXX)"
export LOG_LEVEL=warn
npx prisma migrate deploy >/dev/null
npx tsx prisma/seed.ts
exec npx tsx server/index.ts
