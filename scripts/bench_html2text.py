"""Compare HTML-to-text converters on government-like and hostile pages (issue 15).

Each converter and page runs in its own subprocess with a 60 s limit; prints a
Markdown table of seconds, peak memory and characters of text kept. Converters
that are not installed are reported as such: the comparison in the README was run
with inscriptis 2.7.6, html5lib 1.1 and lxml 6.1.3 in a separate virtual environment
(``python -m venv /tmp/h2t && /tmp/h2t/bin/pip install inscriptis html5lib lxml``,
then ``PYTHONPATH=src /tmp/h2t/bin/python scripts/bench_html2text.py``).
Nothing is written to disk.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

CONVERTERS = ("stdlib", "inscriptis", "html5lib", "lxml")
ROW = "<tr><td>{i}、规上工业增加值</td><td align=right>{v}</td><td>亿元</td><td>增长1.{i}%</td></tr>\n"


def gov_page(copies: int = 1) -> str:
    """A page shaped like a saved government report: nav, script, style, comments, a table, unclosed tags."""
    head = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>通州区2020年上半年计划执行情况</title>'
            '<style>td{border:1px}</style><script>var x="<p>no</p>";</script></head><body>'
            '<div class="nav"><a href="/">首页</a> &gt; <a href="/x">政务公开</a></div><!-- 正文开始 -->\n')
    body = ('<p>&nbsp;&nbsp;\u3000\u3000上半年，全区实现地区生产总值711.1亿元，同比增长1.6%。</p>\n'
            '<table><thead><tr><th>指标</th><th>数值</th><th>单位</th><th>增速</th></tr></thead><tbody>\n'
            + "".join(ROW.format(i=i, v=100 + i) for i in range(30)) + '</tbody></table>\n'
            '<p>二、下半年工作打算<br>（一）稳增长<p>未闭合的段落<div>块<span>行内</div>\n')
    return head + body * copies + '<!-- 正文结束 --></body></html>'


PAGES = {
    "gov page": lambda: gov_page(1),
    "200 gov pages": lambda: gov_page(200),
    "'<a ' x 80000": lambda: "<a " * 80_000,
    "'<!--' x 200000": lambda: "<!--" * 200_000,
    "'<!---->' x 100000": lambda: "<!---->" * 100_000 + "<p>增长1.6%</p>",
    "<p>x</p><![ foo": lambda: "<p>x</p><![ foo",
    "unclosed tags x 20000": lambda: "<div><span><b>增长1.6%" * 20_000,
}


def convert(which: str, page: str) -> str:
    """The text of ``page`` by converter ``which``."""
    if which == "stdlib":
        from cnreport.core import htmltext
        return htmltext.html_to_text(page)
    if which == "inscriptis":
        from inscriptis import get_text
        return get_text(page)
    if which == "html5lib":
        import html5lib
        return "".join(html5lib.parse(page, namespaceHTMLElements=False).itertext())
    import lxml.html
    return lxml.html.fromstring(page).text_content()


def one(which: str, name: str) -> str:
    """Run one converter on one page (in this process) and describe the result."""
    page = PAGES[name]()
    start = time.perf_counter()
    try:
        result = f"{len(convert(which, page))} chars"
    except ImportError:
        return "not installed"
    except Exception as exc:   # a converter's crash is a result here
        result = f"{type(exc).__name__}"
    mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return f"{time.perf_counter() - start:.2f} s, {mb} MB, {result}"


def main() -> None:
    """Print the table, one subprocess per cell."""
    print("| page | " + " | ".join(CONVERTERS) + " |\n|---|" + "---|" * len(CONVERTERS))
    for name in PAGES:
        cells = []
        for which in CONVERTERS:
            try:
                res = subprocess.run([sys.executable, __file__, which, name], capture_output=True, text=True,
                                     timeout=60)
                cells.append(res.stdout.strip() or res.stderr.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                cells.append("over 60 s")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(one(sys.argv[1], sys.argv[2]))
    else:
        main()
