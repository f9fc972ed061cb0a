-- The code index: files split into chunks, each with its all-MiniLM-L6-v2 embedding (384 dims).
-- indexed_file says which version of a file the chunks describe, so only changed files are re-chunked
-- and, within them, only chunks with new text are embedded again.
CREATE TABLE code_chunk (
    id          BIGSERIAL PRIMARY KEY,
    project_id  BIGINT      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    path        TEXT        NOT NULL,
    chunk_hash  TEXT        NOT NULL,
    start_line  INT         NOT NULL,
    end_line    INT         NOT NULL,
    content     TEXT        NOT NULL,
    tokens      INT         NOT NULL,
    embedding   vector(384) NOT NULL
);
CREATE INDEX code_chunk_by_file ON code_chunk (project_id, path);

CREATE TABLE indexed_file (
    project_id  BIGINT NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    path        TEXT   NOT NULL,
    version     INT    NOT NULL,
    PRIMARY KEY (project_id, path)
);
