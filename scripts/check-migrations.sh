#!/usr/bin/env bash
# Fails when the collections changed without a migration: asks Payload to create one for
# SQLite and for PostgreSQL (POSTGRES_URL, a server database this script may write to) and
# checks that it found nothing to add. Fix drift with `npm run migrate:create -- <name>`
# once per database (see README, "Schema changes and migrations").
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
before=$(git status --porcelain --untracked-files=all -- src/migrations)

DATABASE_URL="file:$scratch/drift.db" NODE_OPTIONS=--conditions=development npx payload migrate:create drift --skipEmpty > "$scratch/sqlite.log" 2>&1
if [ -n "${POSTGRES_URL:-}" ]; then
  DATABASE_URL="$POSTGRES_URL" NODE_OPTIONS=--conditions=development npx payload migrate:create drift --skipEmpty > "$scratch/postgres.log" 2>&1
fi

after=$(git status --porcelain --untracked-files=all -- src/migrations)
if [ "$before" != "$after" ]; then
  echo "Migrations are out of date with the collections: Payload generated these:" >&2
  git status --porcelain --untracked-files=all -- src/migrations >&2
  git clean -fq -- src/migrations/*/*drift* 2>/dev/null || true
  git checkout -q -- src/migrations
  exit 1
fi
echo "migrations: up to date"
