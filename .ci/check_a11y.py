#!/usr/bin/env python3
"""CI accessibility check of built LevelField sites (not used at runtime or by `swift test`).

Usage: check_a11y.py SITE_DIR [SITE_DIR ...]

For a sample of pages of each site - every top-level page (overview, methods, data quality and
any other page kind such as quality.html), the first page of every top-level folder (a period
page, an area page) and of the first subfolder below it (per-indicator pages of one period,
when they exist) - at 1280 px and at 320 px:

- axe-core finds no violation of WCAG 2.2 A/AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa,
  wcag22aa);
- the page does not scroll sideways (WCAG 1.4.10 reflow; a table inside a named, focusable
  scrolling region may);
- every visible chart label is at least 12 px tall as drawn (charts must not shrink their text
  below legibility on a phone).

One headless Chromium session (Debian's chromium + chromium-driver, driven by selenium) serves
every page. axe.min.js comes from the PyPI package axe-playwright-python (only that file is used).
Any failure exits 1 with the rule, its impact and the offending elements.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from site_sample import page_kinds

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [1280, 320]


def axe_source():
    import axe_playwright_python
    path = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
    with open(path, encoding="utf-8") as handle:
        return handle.read()


LAYOUT_PROBE = """
const problems = [];
const doc = document.documentElement;
if (doc.scrollWidth > window.innerWidth + 1) {
  problems.push(`the page scrolls sideways: ${doc.scrollWidth} px of content in ${window.innerWidth} px`);
}
for (const text of document.querySelectorAll('svg.chart text')) {
  const box = text.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;      // not displayed (the other drawing)
  const matrix = text.getScreenCTM();
  const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
  if (size < 11.95) {
    problems.push(`chart text "${text.textContent.slice(0, 40)}" is drawn at ${size.toFixed(1)} px`);
    break;
  }
}
return problems;
"""


def main():
    roots = [os.path.abspath(a) for a in sys.argv[1:]]
    if not roots:
        sys.exit("usage: check_a11y.py SITE_DIR [SITE_DIR ...]")
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--allow-file-access-from-files", "--hide-scrollbars"]:
        options.add_argument(flag)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    # The overview and data-quality pages hold thousands of table cells; axe's colour-contrast
    # rule walks each one, which takes minutes on a loaded 2-core machine.
    driver.command_executor.client_config.timeout = 1200
    driver.set_script_timeout(1200)
    driver.set_page_load_timeout(300)
    source = axe_source()
    failures = []
    checked = 0
    try:
        for root in roots:
            for page in page_kinds(root):
                for width in WIDTHS:
                    started = time.monotonic()
                    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
                    driver.get("file://" + os.path.join(root, page))
                    driver.execute_script(source)
                    result = driver.execute_async_script(
                        "const done = arguments[arguments.length - 1];"
                        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
                        ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}])));",
                        TAGS)
                    where = f"{os.path.basename(root)}/{page} at {width} px"
                    print(f"checked {where} ({time.monotonic() - started:.1f} s)", flush=True)
                    for violation in json.loads(result):
                        targets = [", ".join(node.get("target", [])) for node in violation["nodes"][:5]]
                        failures.append(f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}; "
                                        f"{len(violation['nodes'])} node(s): {' | '.join(targets)}")
                    for problem in driver.execute_script(LAYOUT_PROBE):
                        failures.append(f"{where}: {problem}")
                    checked += 1
    finally:
        driver.quit()
    print(f"axe-core WCAG 2.2 A/AA, reflow and chart text: {checked} page views checked "
          f"({', '.join(str(w) for w in WIDTHS)} px)")
    if failures:
        print("\n".join(failures))
        print(f"{len(failures)} problem(s)")
        sys.exit(1)
    print("no violations")


if __name__ == "__main__":
    main()
