// The Statistics module; see the README in this folder.
