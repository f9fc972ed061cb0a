-- Chunks are searchable by their words as soon as they are written; their embeddings follow in the
-- background (thousands of chunks of an imported project take minutes to embed on two cores). Words are
-- split on everything that is not a letter or digit, so save_habit and app/shipping/labels.py are words too.
ALTER TABLE code_chunk ALTER COLUMN embedding DROP NOT NULL;
ALTER TABLE code_chunk ADD COLUMN words tsvector GENERATED ALWAYS AS
    (to_tsvector('simple'::regconfig, regexp_replace(path || ' ' || content, '[^[:alnum:]]+', ' ', 'g'))) STORED;
CREATE INDEX code_chunk_words ON code_chunk USING gin (words);
CREATE INDEX code_chunk_unembedded ON code_chunk (project_id) WHERE embedding IS NULL;
