"""Parse untrusted certificate XML: no DTD, no entities, no network, bounded size.

Every problem becomes a SEVERE :class:`~conformance.findings.Finding` with the line
where it shows; nothing here raises on bad input.
"""

from __future__ import annotations

import codecs
import logging
import re
import threading
from dataclasses import dataclass, field

from lxml import etree

from conformance.findings import Finding
from conformance.validate._tree import line_of
from conformance.validate.rules import finding

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "ParsedDocument",
    "check_depth",
    "mebibytes",
    "parse_untrusted",
]

logger = logging.getLogger(__name__)

MAX_BYTES = 16 * 1024 * 1024
"""The certificate limit: 16 MiB, the same as the reference hub's Content limit (D15)."""
MAX_DEPTH = 64
"""Default nesting limit; a real certificate is about 8 levels deep."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARATION = re.compile(r"""<\?xml\s[^>]*?encoding\s*=\s*(["'])([A-Za-z0-9._-]+)\1""")
_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"<!ENTITY\s+(%\s+)?\S+\s+(SYSTEM|PUBLIC)?", re.DOTALL)
_DEPTH_PROBES: dict[int, etree.XPath] = {}
_ASCII_COMPATIBLE = ("text", "utf-8", "ascii", "iso8859-", "cp125")


@dataclass(slots=True)
class ParsedDocument:
    """The result of :func:`parse_untrusted`: a tree, or the findings that stop it."""

    tree: etree._ElementTree | None
    encoding: str
    bom: bool = False
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there is a tree to validate further."""
        return self.tree is not None


def parse_untrusted(
    data: bytes | str,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int | None = MAX_DEPTH,
) -> ParsedDocument:
    """Parse ``data`` safely; problems come back as findings, never as exceptions.

    >>> parse_untrusted(b"<a/>").ok
    True
    >>> parse_untrusted(b"<!DOCTYPE a><a/>").findings[0].rule_id
    'EPH-SEC-001'

    ``max_depth=None`` leaves the depth to the caller (:func:`check_depth`), for
    the validator that skips it when a non-recursive schema already bounds it.
    """
    raw = _from_text(data) if isinstance(data, str) else data
    if len(raw) > max_bytes:
        what, limit = "certificate", "certificate limit (the hub's Content limit)"
        if max_bytes != MAX_BYTES:
            what, limit = "document", "limit"
        message = (
            f"{what} is {mebibytes(len(raw))} ({len(raw)} bytes), over the "
            f"{mebibytes(max_bytes)} {limit}; make it smaller"
        )
        return ParsedDocument(None, "unknown", False, [finding("EPH-SEC-004", message)])
    if isinstance(data, str):
        encoding, bom = "text", False
    else:
        encoding, bom, problem = _detect(data)
        if problem is not None:
            return ParsedDocument(None, encoding, bom, [problem])
    if not raw.strip(b"\x00\t\r\n \xef\xbb\xbf\xfe\xff"):
        empty = finding("EPH-WF-003", "content is empty or only whitespace")
        return ParsedDocument(None, encoding, bom, [empty])
    refusal = None
    # In an ASCII-compatible encoding a DOCTYPE shows in the bytes themselves,
    # so most documents need no decoding here.
    if not encoding.startswith(_ASCII_COMPATIBLE) or b"<!DOCTYPE" in raw:
        text = raw.decode("utf-8" if encoding == "text" else encoding, "replace")
        refusal = _doctype(text)
    if refusal is not None:
        return ParsedDocument(None, encoding, bom, [refusal])
    warnings = [_no_bom_warning()] if encoding.startswith("utf-16") and not bom else []
    tree, problem = _parse(raw, MAX_DEPTH if max_depth is None else max_depth)
    if problem is not None:
        return ParsedDocument(None, encoding, bom, [*warnings, problem])
    assert tree is not None
    deep = None if max_depth is None else check_depth(tree, max_depth)
    if deep is not None:
        return ParsedDocument(None, encoding, bom, [*warnings, deep])
    return ParsedDocument(tree, encoding, bom, warnings)


def mebibytes(size: int) -> str:
    """``size`` in MiB for a message: ``16 MiB``, ``20.5 MiB``."""
    value = size / (1024 * 1024)
    return f"{value:.0f} MiB" if value.is_integer() else f"{value:.1f} MiB"


def _from_text(data: str) -> bytes:
    # Text has no bytes to contradict: drop a BOM and let the declaration say UTF-8.
    text = data.removeprefix("\ufeff")
    match = _DECLARATION.match(text)
    if match is not None:
        text = text[: match.start(2)] + "UTF-8" + text[match.end(2) :]
    return text.encode("utf-8", "surrogatepass")


def _detect(data: bytes) -> tuple[str, bool, Finding | None]:
    """The encoding of ``data`` from BOM, first bytes and declaration, or a finding."""
    bom_encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    sniffed = bom_encoding
    if sniffed is None and data[:4] == b"<\x00?\x00":
        sniffed = "utf-16-le"
    elif sniffed is None and data[:4] == b"\x00<\x00?":
        sniffed = "utf-16-be"
    head = data[:512].decode(sniffed or "latin-1", "replace").lstrip("\ufeff")
    match = _DECLARATION.match(head)
    declared = match.group(2) if match else None
    declared_codec = _codec(declared) if declared else None
    if declared and declared_codec is None:
        return (
            "unknown",
            False,
            finding(
                "EPH-ENC-004", f"declared encoding {declared!r} is not known", line=1
            ),
        )
    encoding = sniffed or declared_codec or "utf-8"
    actual = sniffed or "utf-8"
    if declared_codec and _family(declared_codec) != _family(actual):
        message = f"declaration says {declared!r} but the bytes are {actual}"
        return encoding, bool(bom_encoding), finding("EPH-ENC-001", message, line=1)
    try:
        data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        rule = "EPH-ENC-001" if declared else "EPH-ENC-003"
        message = (
            f"byte {data[err.start : err.start + 1]!r} at offset {err.start} is not "
            f"valid {encoding}"
            + (f" although declared {declared!r}" if declared else "")
        )
        return encoding, bool(bom_encoding), finding(rule, message, line=line)
    return encoding, bool(bom_encoding), None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _family(codec_name: str) -> str:
    # "utf-16" (declared) covers both byte orders the BOM or first bytes reveal.
    for family in ("utf-16", "utf-32"):
        if codec_name.startswith(family):
            return family
    return "ascii-compatible"


def _no_bom_warning() -> Finding:
    return finding("EPH-ENC-002", "UTF-16 content starts without a BOM", line=1)


def _doctype(text: str) -> Finding | None:
    """A refusal when the prolog holds a DOCTYPE, before any parser sees it."""
    position = 1 if text.startswith("\ufeff") else 0
    while True:
        match = _PROLOG_ITEM.match(text, position)
        if match is None or match.end() == position:
            break
        position = match.end()
    if not text.startswith("<!DOCTYPE", position):
        return None
    line = text.count("\n", 0, position) + 1
    end = text.find("]>", position)
    subset = text[position:] if end < 0 else text[position : end + 2]
    entity = _ENTITY.search(subset)
    if entity is not None and entity.group(2):
        return finding(
            "EPH-SEC-005", "external entity declared in a DOCTYPE", line=line
        )
    if entity is not None:
        return finding("EPH-SEC-002", "entity declared in a DOCTYPE", line=line)
    return finding("EPH-SEC-001", "DOCTYPE in the prolog; DTDs are refused", line=line)


# A parser per thread, built once: building one costs a tenth of a parse, and
# lxml parsers must not be shared between threads.
_LOCAL = threading.local()


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = _new_parser()
    return parser


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _parse(
    raw: bytes, max_depth: int
) -> tuple[etree._ElementTree | None, Finding | None]:
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as err:
        return None, _syntax_finding(err, max_depth)
    return root.getroottree(), None


def _syntax_finding(err: etree.XMLSyntaxError, max_depth: int) -> Finding:
    message, line = (err.msg or str(err)).strip(), err.lineno
    code: int | None = getattr(err, "code", None)
    if code == etree.ErrorTypes.NS_ERR_UNDEFINED_NAMESPACE:
        return finding("EPH-WF-002", message, line=line)
    if "Excessive depth" in message:
        # libxml2 stops at 256 levels with advice to lift its own limit
        # (XML_PARSE_HUGE); the limit that matters is ours, so say what
        # check_depth says instead of passing that advice on.
        return finding("EPH-SEC-003", _too_deep(max_depth), line=line)
    logger.debug("not well-formed at line %s: %s", line, message)
    return finding("EPH-WF-001", message, line=line)


def check_depth(tree: etree._ElementTree, max_depth: int = MAX_DEPTH) -> Finding | None:
    """EPH-SEC-003 when elements nest deeper than ``max_depth``, else ``None``."""
    probe = _DEPTH_PROBES.get(max_depth)
    if probe is None:
        # One fixed-length path visits each element once: linear in the tree size.
        probe = etree.XPath("(/*" + "/*" * max_depth + ")[1]")
        _DEPTH_PROBES[max_depth] = probe
    hits = probe(tree)
    if not isinstance(hits, list) or not hits:
        return None
    element = hits[0]
    line = line_of(element) if isinstance(element, etree._Element) else None
    return finding("EPH-SEC-003", _too_deep(max_depth), line=line)


def _too_deep(max_depth: int) -> str:
    return f"elements nested more than {max_depth} levels deep"
