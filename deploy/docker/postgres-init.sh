#!/bin/bash
# First start of the compose PostgreSQL: the two service roles, each owning its schema, and pgvector.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE EXTENSION IF NOT EXISTS vector;
CREATE ROLE billing LOGIN PASSWORD '${BILLING_DB_PASSWORD}';
CREATE ROLE project_store LOGIN PASSWORD '${PROJECT_STORE_DB_PASSWORD}';
CREATE SCHEMA billing AUTHORIZATION billing;
CREATE SCHEMA project_store AUTHORIZATION project_store;
GRANT CREATE ON DATABASE devbot TO billing, project_store;
SQL
