// The Render module; see the README in this folder.
