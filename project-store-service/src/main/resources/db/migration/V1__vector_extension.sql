-- The code index stores embeddings in pgvector. The extension is not "trusted", so on a cluster
-- the database owner or operator creates it (deploy/local/devbot does so as superuser); this
-- statement then confirms it is there and fails loudly where it is missing.
CREATE EXTENSION IF NOT EXISTS vector;
