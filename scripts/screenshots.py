"""Screenshots of the flagship's annotated page at phone and desktop widths (docs/screenshots/).

Needs Debian's chromium and chromium-driver (``make test`` installs them as root). Not part
of ``make all`` nor of check-determinism: a browser update may move pixels. Run:
``.venv/bin/python scripts/screenshots.py``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile

from cnreport.core import files, paths

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1")


def main(report_id: str = "tongzhou_2020h1") -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="cnreport-shots-")
    opts.add_argument(f"--user-data-dir={profile}")
    drv = webdriver.Chrome(options=opts, service=Service("/usr/bin/chromedriver"))
    out = paths.DOCS / "screenshots"
    try:
        for name, (w, h) in SIZES.items():
            drv.set_window_size(w, h)
            drv.get((paths.DOCS / f"{report_id}.html").as_uri())
            drv.execute_async_script("document.fonts.ready.then(arguments[arguments.length - 1])")
            files.write_bytes_atomic(out / f"{report_id}_{name}_top.png", drv.get_screenshot_as_png())
            # the text, with the note of the first GDP figure open (as after Tab or a tap)
            drv.execute_script("const q = document.getElementById('q-1'); q.scrollIntoView({block: 'center'}); q.focus();")
            files.write_bytes_atomic(out / f"{report_id}_{name}_tooltip.png", drv.get_screenshot_as_png())
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"wrote {len(SIZES) * 2} screenshots to {paths.relative(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
