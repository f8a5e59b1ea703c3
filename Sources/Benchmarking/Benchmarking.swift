// The Benchmarking module; see the README in this folder.
