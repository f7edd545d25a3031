/** Versioned schema of the PostgreSQL store. `migrate()` in postgres-store.ts applies the ones a
 *  database lacks, each in its own transaction under an advisory lock, so several workers may
 *  start at once. A migration is never edited once released: add one. Every text column that is
 *  compared or sorted uses the "C" collation, which orders by code point like SQLite's BINARY. */

export const migrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      -- SQLite's lower() and LIKE fold ASCII letters only; filters use this to behave alike.
      CREATE FUNCTION daleel_ascii_lower(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN translate(value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');

      CREATE TABLE documents (
        num bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        path text COLLATE "C" NOT NULL,
        root_path text COLLATE "C" NOT NULL,
        parent_id text COLLATE "C",
        collection text COLLATE "C" NOT NULL,
        type text COLLATE "C" NOT NULL,
        media_type text COLLATE "C" NOT NULL,
        sha256 text COLLATE "C" NOT NULL,
        size bigint NOT NULL,
        title text COLLATE "C",
        lang text COLLATE "C",
        langs json NOT NULL,
        encoding text,
        method text NOT NULL,
        -- json, not jsonb: it keeps the text as written, so metadata reads back key for key and
        -- a from:/to: filter sees an address list exactly as SQLite's json_extract does.
        metadata json NOT NULL,
        warnings json NOT NULL,
        page_count integer,
        text_length integer NOT NULL,
        indexed_at text NOT NULL,
        modified text,
        date text COLLATE "C",
        -- Tokens in the stems, words and title columns of the document index (bm25's length).
        len_stems integer NOT NULL,
        len_words integer NOT NULL,
        len_title integer NOT NULL,
        -- Where each passage ends, in tokens of the stems and of the words column.
        passage_stems integer[] NOT NULL,
        passage_words integer[] NOT NULL
      );
      CREATE INDEX documents_path ON documents (path);
      CREATE INDEX documents_root ON documents (collection, root_path);
      CREATE INDEX documents_parent ON documents (parent_id);
      CREATE INDEX documents_sha ON documents (sha256);

      -- UTF-8 bytes rather than text: PostgreSQL text cannot hold U+0000, which extracted
      -- text sometimes does, and the raw text must come back exactly as it went in.
      CREATE TABLE texts (
        num bigint PRIMARY KEY REFERENCES documents (num) ON DELETE CASCADE,
        text bytea NOT NULL
      );

      CREATE TABLE passages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        doc_num bigint NOT NULL REFERENCES documents (num) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        start_at integer NOT NULL,
        end_at integer NOT NULL,
        page integer,
        lang text COLLATE "C",
        UNIQUE (doc_num, ordinal)
      );

      -- The inverted index: one row per term, column (0 stems, 1 words, 2 title) and document,
      -- with the term's token positions in that column (int32 little-endian, ascending) and the
      -- number of passages that hold it (for passage-level bm25).
      CREATE TABLE postings (
        term text COLLATE "C" NOT NULL,
        col smallint NOT NULL,
        doc_num bigint NOT NULL REFERENCES documents (num) ON DELETE CASCADE,
        positions bytea NOT NULL,
        passages integer NOT NULL,
        PRIMARY KEY (term, col, doc_num)
      );
      CREATE INDEX postings_doc ON postings (doc_num);

      -- bm25's table-wide numbers, kept as FTS5 keeps them for a contentless_delete table:
      -- rows and tokens ever inserted (deletes do not subtract). Spread over shards so that
      -- concurrent writers rarely wait for each other; readers add the shards up. version grows
      -- with every write and tells cached statistics that they are stale.
      CREATE TABLE index_stats (
        shard integer PRIMARY KEY,
        version bigint NOT NULL DEFAULT 0,
        doc_rows bigint NOT NULL DEFAULT 0,
        doc_tokens bigint NOT NULL DEFAULT 0,
        passage_rows bigint NOT NULL DEFAULT 0,
        passage_tokens bigint NOT NULL DEFAULT 0
      );

      CREATE TABLE failures (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        collection text COLLATE "C" NOT NULL,
        root_path text COLLATE "C" NOT NULL,
        path text COLLATE "C" NOT NULL,
        code text NOT NULL,
        reason text NOT NULL,
        sha256 text,
        size bigint,
        at text NOT NULL
      );
      CREATE INDEX failures_root ON failures (collection, root_path);

      CREATE TABLE files (
        collection text COLLATE "C" NOT NULL,
        path text COLLATE "C" NOT NULL,
        size bigint NOT NULL,
        mtime_ms double precision NOT NULL,
        sha256 text NOT NULL,
        PRIMARY KEY (collection, path)
      );

      CREATE TABLE mentions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        doc_num bigint NOT NULL REFERENCES documents (num) ON DELETE CASCADE,
        type text COLLATE "C" NOT NULL,
        normalized text COLLATE "C" NOT NULL,
        value text COLLATE "C" NOT NULL,
        start_at integer NOT NULL,
        end_at integer NOT NULL,
        page integer
      );
      CREATE INDEX mentions_doc ON mentions (doc_num, start_at);
      CREATE INDEX mentions_entity ON mentions (type, normalized);
      CREATE INDEX mentions_normalized ON mentions (normalized);

      -- Tags and notes belong to a document id, not a row: they outlive re-indexing.
      CREATE TABLE tags (
        doc_id text COLLATE "C" NOT NULL,
        tag text COLLATE "C" NOT NULL,
        PRIMARY KEY (doc_id, tag)
      );
      CREATE INDEX tags_tag ON tags (tag);

      CREATE TABLE notes (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text COLLATE "C" NOT NULL UNIQUE,
        doc_id text COLLATE "C" NOT NULL,
        start_at integer NOT NULL,
        end_at integer NOT NULL,
        quote text NOT NULL,
        text text NOT NULL,
        author text,
        created_at text COLLATE "C" NOT NULL
      );
      CREATE INDEX notes_doc ON notes (doc_id);
    `,
  },
]
