"""The annotated page in a real browser: headless Chromium from Debian (chromium, chromium-driver).

The set-up installs the two packages (and fonts-noto-cjk, so a CJK fallback exists even
without the embedded font) when they are missing and we are root: once per session,
under a file lock so that xdist workers do not race. Otherwise the tests are skipped with
the command that enables them; when ``CI`` is set a skip is an error.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import tempfile

import pytest

from cnreport.core import files, paths

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")
ENABLE = "run as root: apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk"
FLAGSHIP = "tongzhou_2020h1"


def _ensure_browser() -> str | None:
    """Install Chromium if missing and possible; the reason it is unavailable, else None."""
    lock_path = os.path.join(tempfile.gettempdir(), "cnreport-chromium-install.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER):
            return None
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            return f"Chromium is not installed and cannot be installed here; {ENABLE}"
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver",
                                                     "fonts-noto-cjk"]):
            done = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if done.returncode != 0:
                return f"{' '.join(cmd)} failed: {done.stderr.strip()[-300:]}; {ENABLE}"
    return None


@pytest.fixture(scope="session")
def driver():
    reason = _ensure_browser()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run with CI set: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="cnreport-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    drv = webdriver.Chrome(options=opts, service=Service(CHROMEDRIVER))
    drv.set_window_size(1280, 900)
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def flagship(driver):
    driver.get((paths.DOCS / f"{FLAGSHIP}.html").as_uri())
    driver.execute_async_script("document.fonts.ready.then(arguments[arguments.length - 1])")
    return driver


def test_spans_reproduce_the_source_and_cover_every_row(flagship, flagship_text):
    got = flagship.execute_script("""
        const text = document.getElementById('text').textContent;
        const marks = JSON.parse(document.getElementById('marks').textContent);
        const spans = [...document.querySelectorAll('#text [data-k]')];
        return {text: text, spans: spans.map(s => [+s.dataset.k, s.textContent, s.id]),
                slices: marks.map(m => text.slice(m.u16_start, m.u16_end)),
                quantities: marks.filter(m => m.kind === 'quantity').length};""")
    assert got["text"] == flagship_text
    marks_text = [flagship_text[s:e] for s, e in _mark_offsets(flagship)]
    assert got["slices"] == marks_text
    assert all(text == marks_text[k] for k, text, _ in got["spans"])
    extracted = files.read_csv_rows(paths.interim_table(FLAGSHIP, "extracted"))
    ids = {span_id for _, _, span_id in got["spans"]}
    assert got["quantities"] == len(extracted) and {f"q-{i}" for i in range(len(extracted))} <= ids


def _mark_offsets(drv):
    return drv.execute_script("return JSON.parse(document.getElementById('marks').textContent).map(m => [m.start, m.end]);")


def test_selection_copies_the_source_text_exactly(flagship, flagship_text):
    copied = flagship.execute_script("""
        const r = document.createRange(); r.selectNodeContents(document.getElementById('text'));
        const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); const t = s.toString();
        s.removeAllRanges(); return t;""")
    assert copied == flagship_text


def test_dom_holds_the_annotations(flagship):
    q = flagship.find_element("id", "q-0")
    assert q.text == "711.1亿元"
    assert "m-level" in q.get_attribute("class") and "s-actual" in q.get_attribute("class")
    assert flagship.find_elements("css selector", "#text .x") and flagship.find_elements("css selector", "#text .d")
    assert flagship.find_element("css selector", "table a[href='#q-0']")


def test_tooltip_appears_on_keyboard_focus(flagship):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    tip = flagship.find_element(By.ID, "tip")
    assert not tip.is_displayed()
    flagship.execute_script("document.getElementById('q-0').previousElementSibling?.focus?.(); document.body.focus();")
    flagship.execute_script("document.getElementById('q-0').focus();")
    assert tip.is_displayed()
    assert "地区生产总值" in tip.text and "Gross domestic product" in tip.text and "2020H1" in tip.text
    flagship.switch_to.active_element.send_keys(Keys.TAB)
    assert tip.is_displayed() and "1.6" in tip.text      # the next mark: GDP growth
    flagship.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not tip.is_displayed()


def test_direction_note_says_no_number_and_explains_the_words(flagship):
    from selenium.webdriver.common.by import By

    flagship.execute_script("document.querySelector('#text .d[data-k]').blur();")
    narrowing = [e for e in flagship.find_elements(By.CSS_SELECTOR, "#text .d") if "降幅" in e.text][0]
    flagship.execute_script("arguments[0].focus();", narrowing)
    tip = flagship.find_element(By.ID, "tip").text
    assert "no: the words say which way, not how much" in tip and "降幅收窄 (the decline narrowed)" in tip


def test_nothing_is_requested_from_the_network(flagship):
    resources = flagship.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    assert resources == []
    messages = [json.loads(e["message"])["message"] for e in flagship.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in messages if m["method"] == "Network.requestWillBeSent"]
    assert any(u.startswith("file://") for u in urls)            # the log did record the page itself
    assert [u for u in urls if u.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp")] == []


def test_chinese_renders_with_the_embedded_cjk_font(flagship):
    got = flagship.execute_script("""
        const faces = [...document.fonts].map(f => [f.family, f.status]);
        const probe = document.createElement('span'); probe.textContent = '通州区经济'; probe.style.fontSize = '20px';
        document.getElementById('text').appendChild(probe); const w = probe.getBoundingClientRect().width; probe.remove();
        return {faces: faces, width: w, check: document.fonts.check('20px "cnreport Noto Sans CJK SC"', '通州区经济')};""")
    assert ['"cnreport Noto Sans CJK SC"', "loaded"] in got["faces"] or ["cnreport Noto Sans CJK SC", "loaded"] in got["faces"]
    assert got["check"]
    assert got["width"] == pytest.approx(100, abs=1)     # five full-width glyphs of 1 em at 20 px


def test_offsets_hold_past_a_character_outside_the_basic_plane(driver, tmp_path):
    from cnreport.core.files import ReportMeta
    from cnreport.present import annotate, page

    text = "一、执行情况\n𠀀𠀁完成地区生产总值711.1亿元,同比增长1.6%。<b>不是标记</b>"
    meta = ReportMeta(report_id="astral", place_zh="某区", place_en="Some District", genre="plan_report",
                      period_actual="2020H1", period_plan="2020H2")
    out = tmp_path / "astral.html"
    out.write_text(page.render_page(annotate.annotate(text, meta)), encoding="utf-8")
    driver.get(out.as_uri())
    got = driver.execute_script("""
        const text = document.getElementById('text').textContent;
        const marks = JSON.parse(document.getElementById('marks').textContent);
        return {text: text, slices: marks.map(m => text.slice(m.u16_start, m.u16_end)),
                spans: [...document.querySelectorAll('#text [data-k]')].map(s => s.textContent),
                bold: document.querySelectorAll('#text b').length};""")
    assert got["text"] == text and got["bold"] == 0
    assert "711.1亿元" in got["slices"] and got["slices"] == got["spans"]


def test_traditional_toggle_switches_views(driver):
    tid = next(r for r in files.list_report_ids() if files.read_metadata(r).script == "traditional")
    driver.get((paths.DOCS / f"{tid}.html").as_uri())
    button = driver.find_element("id", "script-toggle")
    original, simplified = driver.find_element("id", "text"), driver.find_element("id", "text-simplified")
    assert original.is_displayed() and not simplified.is_displayed()
    button.click()
    assert simplified.is_displayed() and not original.is_displayed()
    assert button.get_attribute("aria-pressed") == "true"
