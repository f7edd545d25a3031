/** Versioned schema of the SQLite store. A migration is never edited once released: add one. */

export const migrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE documents (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        root_path TEXT NOT NULL,
        parent_id TEXT,
        collection TEXT NOT NULL,
        type TEXT NOT NULL,
        media_type TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        title TEXT,
        lang TEXT,
        langs TEXT NOT NULL,
        encoding TEXT,
        method TEXT NOT NULL,
        metadata TEXT NOT NULL,
        warnings TEXT NOT NULL,
        page_count INTEGER,
        text_length INTEGER NOT NULL,
        indexed_at TEXT NOT NULL,
        modified TEXT,
        date TEXT,
        passage_first INTEGER,
        passage_last INTEGER
      );
      CREATE INDEX documents_path ON documents(path);
      CREATE INDEX documents_root ON documents(collection, root_path);
      CREATE INDEX documents_parent ON documents(parent_id);
      CREATE INDEX documents_sha ON documents(sha256);
      CREATE TABLE texts (num INTEGER PRIMARY KEY, text TEXT NOT NULL);
      CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        doc_num INTEGER NOT NULL,
        ordinal INTEGER NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        page INTEGER,
        lang TEXT
      );
      CREATE INDEX passages_doc ON passages(doc_num, ordinal);
      CREATE VIRTUAL TABLE doc_fts USING fts5(
        stems, words, title, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 0', prefix='2 3'
      );
      CREATE VIRTUAL TABLE passage_fts USING fts5(
        stems, words, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 0'
      );
      CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        collection TEXT NOT NULL,
        root_path TEXT NOT NULL,
        path TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        sha256 TEXT,
        size INTEGER,
        at TEXT NOT NULL
      );
      CREATE INDEX failures_root ON failures(collection, root_path);
      CREATE TABLE files (
        collection TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (collection, path)
      );
      CREATE TABLE tags (doc_num INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (doc_num, tag));
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        doc_num INTEGER NOT NULL,
        type TEXT NOT NULL,
        normalized TEXT NOT NULL,
        value TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        page INTEGER
      );
      CREATE INDEX mentions_doc ON mentions(doc_num, start_at);
      CREATE INDEX mentions_entity ON mentions(type, normalized);
      CREATE INDEX mentions_normalized ON mentions(normalized);
    `,
  },
  {
    // Tags and notes belong to a document's id, which stays the same when its file is indexed
    // again; the v1 tags table was keyed by the row number, which does not.
    version: 3,
    sql: `
      CREATE TABLE doc_tags (
        doc_id TEXT NOT NULL,
        tag TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (doc_id, tag)
      );
      CREATE INDEX doc_tags_tag ON doc_tags(tag);
      INSERT INTO doc_tags (doc_id, tag, created_at)
        SELECT d.id, t.tag, d.indexed_at FROM tags t JOIN documents d ON d.num = t.doc_num;
      DROP TABLE tags;
      CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        quote TEXT NOT NULL,
        text TEXT NOT NULL,
        author TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX notes_doc ON notes(doc_id, start_at);
      CREATE INDEX mentions_type_doc ON mentions(type, doc_num);
    `,
  },
]
