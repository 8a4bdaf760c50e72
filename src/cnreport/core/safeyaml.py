"""Loading metadata YAML safely: plain values only, checked before anything is built.

``yaml.safe_load`` protects against code execution but not against size: an alias
chain ("billion laughs") expands to gigabytes, a document nested 100,000 levels deep
overflows the recursion limit, and a date such as ``2020-13-45`` raises a ``ValueError``
from inside the constructor. :func:`load_metadata_yaml` reads PyYAML's event stream
(its scanner and parser are iterative) and refuses, before building any value:

- a file over :data:`MAX_BYTES`;
- anchors (``&a``) and aliases (``*a``), which metadata never needs;
- explicit tags (``!!python/object``, ``!!binary``, ``!custom``);
- nesting deeper than :data:`MAX_DEPTH`;
- a repeated key (YAML would silently keep the last one);
- control characters (ANSI escapes) in a value;
- a value that YAML reads as a date but is not one (``2020-13-45``).

Values are plain: ``str``, ``int``, ``float``, ``bool`` or ``None``, in mappings and lists.
A date stays the text it was written as (``2020-08-02``), so nothing is reformatted.
"""

from __future__ import annotations

import re
from pathlib import Path

MAX_BYTES = 64 * 1024
MAX_DEPTH = 4
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class YamlRefused(ValueError):
    """The YAML text is not plain metadata; the message says why, on one line."""


def load_metadata_yaml(data: bytes) -> object:
    """Parse metadata YAML bytes into plain Python values, refusing anything unsafe.

    Parameters
    ----------
    data : bytes
        The file content (UTF-8, with or without a byte-order mark).

    Returns
    -------
    object
        A dict (or list, or scalar) of ``str``, ``int``, ``float``, ``bool`` and ``None``.

    Raises
    ------
    YamlRefused
        Oversize, undecodable or malformed YAML, an anchor, alias or explicit tag,
        nesting deeper than ``MAX_DEPTH``, a repeated key, a control character, or an
        impossible date. The message is one line and names the field where known.
    """
    import yaml

    if len(data) > MAX_BYTES:
        raise YamlRefused(f"metadata file is {len(data)} bytes; at most {MAX_BYTES} are read")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlRefused(f"malformed metadata (not UTF-8: {exc.reason} at byte {exc.start})") from None
    builder = _Builder()
    try:
        # libyaml's C parser where installed (same events, several times faster: a corpus reads thousands)
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            builder.feed(event)
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "increasing flow level" in first or "increasing block level" in first:   # libyaml's own depth cap
            raise YamlRefused(f"metadata nested deeper than {MAX_DEPTH} levels") from None
        raise YamlRefused(f"malformed metadata ({first})") from None
    return builder.result


class _Builder:
    """Builds plain values from parser events, with a stack instead of recursion."""

    def __init__(self) -> None:
        import yaml

        self._yaml = yaml
        self._resolver = yaml.resolver.Resolver()
        self._stack: list[list] = []     # [container, pending key or _NO_KEY, field name]
        self.result: object = None

    def feed(self, event) -> None:
        y = self._yaml
        if isinstance(event, y.AliasEvent):
            raise YamlRefused(f"metadata uses an alias (*{event.anchor}){self._where()}; write the value out")
        if isinstance(event, (y.ScalarEvent, y.MappingStartEvent, y.SequenceStartEvent)):
            if event.anchor is not None:
                raise YamlRefused(f"metadata uses an anchor (&{event.anchor}){self._where()}; write the value out")
            if isinstance(event, y.ScalarEvent):
                self._add(self._scalar(event))
            else:
                if event.tag is not None and not event.implicit:
                    raise YamlRefused(f"metadata uses a tag ({event.tag}){self._where()}; write plain values")
                if len(self._stack) >= MAX_DEPTH:
                    raise YamlRefused(f"metadata nested deeper than {MAX_DEPTH} levels{self._where()}")
                container = {} if isinstance(event, y.MappingStartEvent) else []
                self._stack.append([container, _NO_KEY, self._field()])
        elif isinstance(event, (y.MappingEndEvent, y.SequenceEndEvent)):
            container = self._stack.pop()[0]
            self._add(container)

    def _field(self) -> str | None:
        if not self._stack:
            return None
        top = self._stack[-1]
        return top[1] if top[1] is not _NO_KEY and isinstance(top[1], str) else top[2]

    def _where(self) -> str:
        name = self._field()
        return f" in field '{name}'" if name else ""

    def _add(self, value: object) -> None:
        if not self._stack:
            self.result = value
            return
        top = self._stack[-1]
        container = top[0]
        if isinstance(container, list):
            container.append(value)
        elif top[1] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise YamlRefused("metadata has a key that is not plain text")
            if value in container:
                raise YamlRefused(f"metadata field '{value}' is given twice")
            top[1] = value
        else:
            container[top[1]] = value
            top[1] = _NO_KEY

    def _scalar(self, event) -> object:
        y = self._yaml
        if event.tag is not None and event.tag != "!" and not event.implicit[0] and not event.implicit[1]:
            raise YamlRefused(f"metadata uses a tag ({event.tag}){self._where()}; write plain values")
        value = event.value
        if _CONTROL.search(value):
            raise YamlRefused(f"metadata value{self._where()} holds a control character "
                              f"({_CONTROL.search(value).group()!r})")
        if event.style is not None and event.style != "":     # quoted or block scalar: text
            return value
        tag = self._resolver.resolve(y.ScalarNode, value, (True, False))
        node = y.ScalarNode(tag, value)
        short = tag.rsplit(":", 1)[-1]
        if short == "timestamp":
            try:
                y.constructor.SafeConstructor().construct_yaml_timestamp(node)
            except ValueError as exc:
                raise YamlRefused(f"metadata value{self._where()} is not a valid date: {value!r} ({exc})") from None
            return value
        if short in ("null", "bool", "int", "float"):
            return getattr(y.constructor.SafeConstructor(), f"construct_yaml_{short}")(node)
        return value


_NO_KEY = object()


def load_metadata_file(path: Path) -> object:
    """Read ``path`` and parse it with :func:`load_metadata_yaml` (bytes beyond the limit are not read).

    Raises
    ------
    YamlRefused
        As :func:`load_metadata_yaml`.
    OSError
        The file cannot be read.
    """
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    return load_metadata_yaml(data)
