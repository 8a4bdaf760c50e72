"""The indicator phrase of a quantity: the words that name what the number measures."""

from __future__ import annotations

from cnreport.extract import patterns as P

_TRIM_LEAD = ",、;:和及与以在对为"      # stripped from the start of a phrase, with whitespace
_TRIM_TAIL = ",、;:和及与"              # stripped from its end, with whitespace


def trim(p: str) -> str:
    """``p`` without its leading run of whitespace and ``_TRIM_LEAD`` characters and its trailing
    run of whitespace and ``_TRIM_TAIL`` characters (as the regex ``^[\\s…]+|[\\s…]+$`` would)."""
    if p and p[0] not in _TRIM_LEAD and p[-1] not in _TRIM_TAIL and not p[0].isspace() and not p[-1].isspace():
        return p                 # the usual case: nothing to trim
    while (q := p.lstrip().lstrip(_TRIM_LEAD)) != p:
        p = q
    while (q := p.rstrip().rstrip(_TRIM_TAIL)) != p:
        p = q
    return p


def indicator_phrase(pre: str, lead: tuple[str, ...], lead_initials: frozenset[str], tail: P.Endings) -> str:
    """The indicator named before a number.

    Rule: the phrase before the number without dates, brackets, quotes, the ``lead``
    words (其中, 全年 ...; their first characters are ``lead_initials``) at its start
    and ``tail`` words (verbs, qualifiers, comparisons) at its end, repeatedly:
    "全年实现地区生产总值" gives 地区生产总值, "规模以上工业增加值同比增长" gives
    规模以上工业增加值.
    """
    p = P.PARENTHESIS.sub("", pre) if "(" in pre else pre     # (下同), (AQI)
    p = P.QUOTE_MARK.sub("", p)
    if "年" in p or "月" in p:               # every date word holds one of them
        p = P.DATE_WORDS.sub("", p)
    changed = True
    while changed:
        changed = False
        p2 = trim(p)
        if p2[:1] in lead_initials and p2.startswith(lead):
            for w in lead:
                if p2.startswith(w):
                    p2 = p2[len(w):]
        w = tail.of(p2)
        if w:
            p2 = p2[: -len(w)]
        if p2 != p:
            p, changed = p2, True
    return p.strip()


def phrase_after(s: str, end: int) -> str:
    """Rule: with no phrase before it, a number is named by the words after it ("建成5G基站" no; "新增3个国家级园区")."""
    m = P.PHRASE_AFTER.match(s[end:end + 16])
    return m.group(1).strip("“”") if m else ""
