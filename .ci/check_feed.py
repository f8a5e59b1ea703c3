#!/usr/bin/env python3
"""CI checker for a built LevelField site's Atom feed (SPEC §9; not used at runtime or by `swift test`).

Parses feed.xml as XML (stdlib only) and checks RFC 4287's required elements: the feed's id, title,
updated, author and rel="self" link; every entry's id, title, updated, summary or content and
rel="alternate" link. Also: ids are absolute URIs (tag: or http[s]:) and unique; times are RFC 3339;
entries run newest first and the feed's updated is the newest; there is one entry per release of
downloads/releases.csv, in its order; every relative link resolves to a file of the site (and a
#fragment to an id); every page's <head> links the feed with rel="alternate".
"""
import csv
import html.parser
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
URI = re.compile(r"^(tag:[^\s]+|https?://[^\s]+)$")


class Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()
        self.feed_links = 0
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if self.in_head and tag == "link" and attrs.get("rel") == "alternate" and attrs.get("type") == "application/atom+xml":
            self.feed_links += 1

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def main():
    root = os.path.abspath(sys.argv[1])
    problems = []
    try:
        tree = ET.parse(os.path.join(root, "feed.xml"))
    except (OSError, ET.ParseError) as error:
        print(f"feed.xml: {error}")
        sys.exit(1)
    feed = tree.getroot()
    if feed.tag != ATOM + "feed":
        problems.append(f"root element is {feed.tag}, not an Atom feed")

    def text(element, name):
        child = element.find(ATOM + name)
        return None if child is None else (child.text or "")

    def check_common(element, where):
        for name in ("id", "title", "updated"):
            if not text(element, name):
                problems.append(f"{where}: no <{name}>")
        if text(element, "id") and not URI.match(text(element, "id")):
            problems.append(f"{where}: id {text(element, 'id')!r} is not an absolute tag: or http(s) URI")
        if text(element, "updated") and not TIME.match(text(element, "updated")):
            problems.append(f"{where}: updated {text(element, 'updated')!r} is not an RFC 3339 time")

    links = []
    check_common(feed, "feed")
    author = feed.find(ATOM + "author")
    if author is None or not text(author, "name"):
        problems.append("feed: no <author><name>")
    rels = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(ATOM + "link")}
    if not rels.get("self"):
        problems.append("feed: no rel=\"self\" link")
    links += [link.get("href") for link in feed.findall(ATOM + "link")]
    entries = feed.findall(ATOM + "entry")
    ids = []
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        check_common(entry, where)
        ids.append(text(entry, "id"))
        if text(entry, "summary") is None and text(entry, "content") is None:
            problems.append(f"{where}: neither <summary> nor <content>")
        entry_links = entry.findall(ATOM + "link")
        if not any(link.get("rel", "alternate") == "alternate" for link in entry_links):
            problems.append(f"{where}: no rel=\"alternate\" link")
        links += [link.get("href") for link in entry_links]
    if len(set(ids)) != len(ids):
        problems.append("entry ids are not unique")
    times = [text(entry, "updated") or "" for entry in entries]
    if times != sorted(times, reverse=True):
        problems.append("entries are not newest first")
    if times and text(feed, "updated") != max(times):
        problems.append(f"feed updated {text(feed, 'updated')} is not the newest entry's {max(times)}")

    with open(os.path.join(root, "downloads", "releases.csv"), newline="", encoding="utf-8") as handle:
        releases = []
        for row in csv.DictReader(handle):
            if not releases or releases[-1] != row["release"]:
                releases.append(row["release"])
    named = [re.sub(r"/$", "", i or "").rsplit("releases/", 1)[-1] for i in ids]
    if named != releases:
        problems.append(f"entries name releases {named}, releases.csv lists {releases}")

    pages = {}
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                parser = Ids()
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    parser.feed(handle.read())
                pages[path] = parser
                if parser.feed_links != 1:
                    problems.append(f"{os.path.relpath(path, root)}: {parser.feed_links} feed links in <head>, expected 1")
    for href in links:
        url = urllib.parse.urlparse(href or "")
        if url.scheme:
            continue
        target = os.path.normpath(os.path.join(root, urllib.parse.unquote(url.path)))
        if not os.path.exists(target):
            problems.append(f"feed link {href} does not resolve")
        elif url.fragment and target in pages and url.fragment not in pages[target].ids:
            problems.append(f"feed link {href}: no such id")
    print(f"feed.xml: {len(entries)} entries, {len(links)} links, {len(pages)} pages link the feed")
    if problems:
        print("\n".join(problems[:100]))
        sys.exit(1)


if __name__ == "__main__":
    main()
