// The Ingest module; see the README in this folder.
