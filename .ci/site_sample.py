"""The sample of a built LevelField site's pages that the CI checkers share (not used at runtime)."""
import glob
import os


def page_kinds(root):
    """One page of each kind: every top-level page, the first page (by name) of each top-level
    folder, and of the first subfolder (by name) below it, recursively. Below the top level, one
    subfolder stands for its siblings (periods/<slug>/ has the same page kinds for every period)."""
    pages = sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "*.html")))
    for folder, folders, files in os.walk(root):
        folders.sort()
        if folder == root:
            continue
        del folders[1:]
        html = sorted(f for f in files if f.endswith(".html"))
        if html:
            pages.append(os.path.relpath(os.path.join(folder, html[0]), root))
    return pages
