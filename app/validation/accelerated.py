"""Faster official business rules: the same verdicts, with ``xsl:key`` look-ups.

``03-ESPD-common-criterion-br.xsl`` looks every criterion, property group and
property up in the 655 KB taxonomy with
``document('ESPD-criterion.xml')//cac:X[cbc:ID = $v]``: a full scan per look-up,
about 1.8 s per document.  This module derives, at run time, a copy of such a
stylesheet in which those look-ups go through an index instead:

* ``document(U)//X[F = $v]`` becomes ``key(K, $v, $D)[self::X]``;
* ``document(U)//X[F = $v][1]`` becomes
  ``key(K, $v, $D)[self::X][not(preceding-sibling::X[F = $v])]`` (``[1]`` on a
  ``//`` step keeps the first match *among its siblings*, not the first overall);

with ``<xsl:key name="K" match="*[F]" use="F"/>`` and
``<xsl:param name="D" select="document('<U resolved>')"/>``.  The parameter
defaults to the very same ``document()`` call; :func:`compile_stylesheet` also
sets it to a taxonomy parsed once, so Saxon keeps its index between runs.

A look-up is rewritten only when the result is provably the same: ``$v`` is a
local ``xsl:variable`` (no ``as``) selecting a plain relative path of the
checked document, so both sides compare untyped values as strings (SaxonC-HE
is not schema-aware); ``F`` is prefixed; nothing follows but a path step;
no range variable can shadow ``$v``.  Anything else is left as it was.  The
rest of the file stays byte-identical (an ``xml:base`` pointing at the
official file keeps every relative URI resolving there), and the derived text
is re-parsed and compared, canonically, with the expected tree before use.

The derived file goes to the user cache folder, named after the SHA-256 of
the official file, so a new release regenerates it.  ``DUME_RULES_ACCELERATION=0``
turns all of this off; :func:`self_check` runs both versions and compares
their failed asserts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import platformdirs
from lxml import etree

from app import APP_NAME
from app.paths import DATA_DIR_ENV
from espd_schemas import ArtefactSet, DocumentKind

log = logging.getLogger("dume.validation")

ACCELERATION_ENV = "DUME_RULES_ACCELERATION"
#: Bump when the rewrite rules change: it is part of every derived file's name.
REWRITE_FORMAT = 1

XSLT = "http://www.w3.org/1999/XSL/Transform"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
NAME_PREFIX = "dume-accel-"

_NCNAME = r"[A-Za-z_][\w.\-]*"
_QNAME = rf"{_NCNAME}(?::{_NCNAME})?"
_PREFIXED = rf"{_NCNAME}:{_NCNAME}"
#: document('U')//X[P:F = $v] with an optional [1]; not part of a longer path,
#: not followed by another predicate (its position would mean something else).
_LOOKUP = re.compile(
    rf"(?<![\w.:/$@\-])document\(\s*'(?P<uri>[^'\"#<&]+)'\s*\)"
    rf"//(?P<element>{_QNAME})"
    rf"\[\s*(?P<field>{_PREFIXED})\s*=\s*\$(?P<var>{_NCNAME})\s*\]"
    rf"(?P<first>\[\s*1\s*\])?"
    rf"(?!\s*\[)"
)
#: A range variable or an inline function parameter could shadow the xsl:variable, and
#: a double-quoted literal or a comment could hold look-alike text: left alone.
_UNSAFE_EXPRESSION = re.compile(r"\b(?:for|some|every|let)\s+\$|\bfunction\s*\(|\(:|\"")
_AXES = (
    "child|parent|self|ancestor|ancestor-or-self|descendant|descendant-or-self|"
    "following-sibling|preceding-sibling"
)
_STEP = rf"(?:(?:(?:{_AXES})::)?(?:{_QNAME}|\*)|@{_QNAME})(?:\[\s*\d+\s*\])*"
#: What a variable may select for its atomised value to be untyped: nodes, by path.
_NODE_PATH = re.compile(rf"{_STEP}(?:/{_STEP})*")
_EXPRESSION_ATTRIBUTES = ("select", "test")

_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^>]*>|</[^>]*>"
    r"|<(?P<tag>[^\s/>!?]+)(?P<attributes>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>",
    re.DOTALL,
)


# ---------------------------------------------------------------- settings
def acceleration_enabled() -> bool:
    """False when ``DUME_RULES_ACCELERATION`` is 0/false/off/non."""
    value = os.environ.get(ACCELERATION_ENV, "").strip().lower()
    return value not in ("0", "false", "off", "no", "non")


def cache_dir() -> Path:
    """Where derived stylesheets go (beside the data folder when it is redirected)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser() / "cache" / "accelerated-rules"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "accelerated-rules"


# ---------------------------------------------------------------- derivation
@dataclass(frozen=True)
class Rewrite:
    """One look-up replaced: where, and the XPath text before and after."""

    line: int
    attribute: str
    before: str
    after: str


@dataclass(frozen=True)
class DerivedStylesheet:
    """An official stylesheet with its look-ups indexed; ``text`` is the whole file."""

    source: Path
    source_sha256: str
    text: str
    rewrites: tuple[Rewrite, ...]
    #: Look-ups left as they were, with the reason.
    skipped: tuple[str, ...]
    #: (parameter name, absolute URI) of each document the look-ups read.
    documents: tuple[tuple[str, str], ...]
    #: True when only the rewritten attributes and the inserted lines differ from the source.
    byte_exact: bool

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


class _Refused(Exception):
    """The stylesheet has a shape the rewrite does not handle: it is used as is."""


@dataclass
class _Plan:
    root: etree._Element
    keys: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # -> name, QName
    documents: dict[str, str] = field(default_factory=dict)  # absolute URI -> parameter name
    # element -> {attribute: [(text before, text after), ...]}
    attributes: dict[etree._Element, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    rewrites: list[Rewrite] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _is_xslt(element: etree._Element, local: str | None = None) -> bool:
    if not isinstance(element.tag, str):
        return False
    qname = etree.QName(element)
    return qname.namespace == XSLT and (local is None or qname.localname == local)


def _line(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 0


def _binding(element: etree._Element, name: str) -> etree._Element | None:
    """The nearest local xsl:variable or xsl:param named *name* in scope at *element*."""
    node = element
    while True:
        parent = node.getparent()
        if parent is None or parent.getparent() is None:
            return None  # reached a top-level declaration: globals are not trusted
        for sibling in node.itersiblings(preceding=True):
            if (
                _is_xslt(sibling)
                and etree.QName(sibling).localname in ("variable", "param")
                and sibling.get("name") == name
            ):
                return sibling
        node = parent


def _untyped_variable(element: etree._Element, name: str) -> str | None:
    """None when ``$name`` is bound to nodes of the checked document; else why not."""
    binding = _binding(element, name)
    if binding is None:
        return f"${name} n'est pas une variable locale"
    if not _is_xslt(binding, "variable"):
        return f"${name} est un paramètre (type inconnu)"
    select = binding.get("select")
    if (
        binding.get("as") is not None
        or select is None
        or len(binding)
        or (binding.text or "").strip()
    ):
        return f"${name} a un type déclaré ou un contenu"
    if not _NODE_PATH.fullmatch(select.strip()):
        return f"${name} ne sélectionne pas un simple chemin de nœuds"
    return None


def _key_for(plan: _Plan, element: etree._Element, field_qname: str) -> str:
    prefix, local = field_qname.split(":", 1)
    namespace = element.nsmap.get(prefix)
    if namespace is None:
        raise _Refused(f"préfixe {prefix} inconnu")
    entry = plan.keys.get((namespace, local))
    if entry is None:
        index = sum(1 for ns, loc in plan.keys if loc == local)
        name = f"{NAME_PREFIX}by-{local}" + (f"-{index + 1}" if index else "")
        entry = (name, field_qname)
        plan.keys[(namespace, local)] = entry
    return entry[0]


def _document_for(plan: _Plan, element: etree._Element, uri: str) -> str:
    base = element.base
    if not base:
        raise _Refused("URI de base inconnue")
    absolute = urljoin(base, uri)
    if "'" in absolute:
        raise _Refused("URI non prise en charge")
    if absolute not in plan.documents:
        plan.documents[absolute] = f"{NAME_PREFIX}doc-{len(plan.documents) + 1}"
    return plan.documents[absolute]


def _rewrite_value(plan: _Plan, element: etree._Element, attribute: str, value: str) -> None:
    if _UNSAFE_EXPRESSION.search(value):
        if _LOOKUP.search(value):
            plan.skipped.append(f"ligne {_line(element)} : liaison ou littéral dans {attribute}")
        return
    literals = [m.span() for m in re.finditer(r"'[^']*'", value)]
    done: list[tuple[str, str]] = []

    def replace(match: re.Match[str]) -> str:
        if any(start < match.start() < end for start, end in literals):
            plan.skipped.append(f"ligne {_line(element)} : texte dans une chaîne littérale")
            return match[0]
        var = match["var"]
        problem = _untyped_variable(element, var)
        if problem is not None:
            plan.skipped.append(f"ligne {_line(element)} : {problem}")
            return match[0]
        key = _key_for(plan, element, match["field"])
        document = _document_for(plan, element, match["uri"])
        lookup = f"key('{key}', ${var}, ${document})[self::{match['element']}]"
        if match["first"]:
            lookup += f"[not(preceding-sibling::{match['element']}[{match['field']} = ${var}])]"
        plan.rewrites.append(Rewrite(_line(element), attribute, match[0], lookup))
        done.append((match[0], lookup))
        return lookup

    _LOOKUP.sub(replace, value)
    if done:
        plan.attributes.setdefault(element, {})[attribute] = done


def _plan(root: etree._Element) -> _Plan:
    if not (_is_xslt(root, "stylesheet") or _is_xslt(root, "transform")):
        raise _Refused("ce n'est pas une feuille XSLT")
    if root.get(XML_BASE) is not None:
        raise _Refused("xml:base déjà présent")
    if root.prefix is None:
        raise _Refused("espace de noms XSLT sans préfixe")
    if any(_is_xslt(child, "import") for child in root):
        raise _Refused("xsl:import présent")
    # The key compares with the collation in scope at the root, the scan with its own.
    if any(
        el.get("default-collation") or el.get(f"{{{XSLT}}}default-collation")
        for el in root.iter()
        if isinstance(el.tag, str)
    ):
        raise _Refused("default-collation présent")
    used_names = {el.get("name") for el in root.iter() if _is_xslt(el) and el.get("name")}
    if any(name and name.startswith(NAME_PREFIX) for name in used_names):
        raise _Refused(f"noms {NAME_PREFIX}* déjà utilisés")
    plan = _Plan(root)
    for element in root.iter():
        if not _is_xslt(element):
            continue
        for attribute in _EXPRESSION_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None and "document(" in value:
                _rewrite_value(plan, element, attribute, value)
    return plan


def _declarations(plan: _Plan) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """(local name, attributes, namespace declarations) of each element to insert."""
    out: list[tuple[str, dict[str, str], dict[str, str]]] = []
    for (namespace, _local), (name, field_qname) in plan.keys.items():
        prefix = field_qname.split(":", 1)[0]
        out.append(
            (
                "key",
                {"name": name, "match": f"*[{field_qname}]", "use": field_qname},
                {prefix: namespace},
            )
        )
    for uri, name in plan.documents.items():
        out.append(("param", {"name": name, "select": f"document('{uri}')"}, {}))
    return out


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


_INDENT = "\n   "


def _raw_text(raw: str, plan: _Plan, base_uri: str) -> str:
    """The source text with only the planned edits; raises _Refused when unsure."""
    elements = [el for el in plan.root.iter() if isinstance(el.tag, str)]
    start_tags = [m for m in _MARKUP.finditer(raw) if m["tag"] is not None]
    if len(start_tags) != len(elements):
        raise _Refused("balises non appariées")
    edits: list[tuple[int, int, str]] = []
    for element, tag in zip(elements, start_tags, strict=True):
        if tag["tag"].split(":")[-1] != etree.QName(element).localname:
            raise _Refused("balises non appariées")
        for attribute, replacements in plan.attributes.get(element, {}).items():
            pattern = re.compile(rf"\s{attribute}\s*=\s*(\"([^\"]*)\"|'([^']*)')")
            found = pattern.search(tag.group(0))
            if found is None:
                raise _Refused("attribut introuvable")
            quoted = found.group(1)
            old_raw = quoted[1:-1]
            new_raw = old_raw
            for before, after in replacements:
                if before not in new_raw:
                    raise _Refused("texte de l'attribut échappé")
                new_raw = new_raw.replace(before, after, 1)
            if quoted[0] == "'":
                new_raw = new_raw.replace("'", "&apos;")
            offset = tag.start() + found.start(1) + 1
            edits.append((offset, offset + len(old_raw), new_raw))
    root_tag = start_tags[0]
    attributes_end = root_tag.end("attributes")
    edits.append((attributes_end, attributes_end, f' xml:base="{_escape_attribute(base_uri)}"'))
    inserted = ""
    xsl = plan.root.prefix
    for local, attributes, namespaces in _declarations(plan):
        text = "".join(f' xmlns:{p}="{_escape_attribute(u)}"' for p, u in namespaces.items())
        text += "".join(f' {n}="{_escape_attribute(v)}"' for n, v in attributes.items())
        inserted += f"{_INDENT}<{xsl}:{local}{text}/>"
    edits.append((root_tag.end(), root_tag.end(), inserted))
    text = raw
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _expected_tree(plan: _Plan, base_uri: str) -> etree._Element:
    """The source tree with the same edits made through lxml, to check the raw text against."""
    root = plan.root
    for owner, planned in plan.attributes.items():
        for attribute, replacements in planned.items():
            value = owner.get(attribute) or ""
            for before, after in replacements:
                value = value.replace(before, after, 1)
            owner.set(attribute, value)
    root.set(XML_BASE, base_uri)
    old_text = root.text
    root.text = _INDENT
    inserted = []
    for local, attributes, namespaces in _declarations(plan):
        nsmap = {root.prefix: XSLT, **namespaces}
        element = etree.Element(f"{{{XSLT}}}{local}", nsmap=nsmap)
        for name, value in attributes.items():
            element.set(name, value)
        element.tail = _INDENT
        inserted.append(element)
    if inserted:
        inserted[-1].tail = old_text
    else:
        root.text = old_text
    for index, element in enumerate(inserted):
        root.insert(index, element)
    return root


def _canonical(root: etree._Element) -> bytes:
    return etree.tostring(root, method="c14n")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def derive(source: Path) -> DerivedStylesheet | None:
    """The accelerated text of *source*, or None when it has no look-up to rewrite safely."""
    raw_bytes = source.read_bytes()
    if b"document(" not in raw_bytes:
        return None
    source_sha = hashlib.sha256(raw_bytes).hexdigest()
    base_uri = source.resolve().as_uri()
    try:
        raw = raw_bytes.decode("utf-8")
        tree = etree.fromstring(raw_bytes, _parser(), base_url=base_uri)
        if tree.getroottree().docinfo.internalDTD is not None:
            raise _Refused("DTD interne")
        plan = _plan(tree)
    except (_Refused, UnicodeDecodeError, etree.XMLSyntaxError) as exc:
        log.info("acceleration skipped for %s: %s", source.name, exc)
        return None
    for reason in plan.skipped:
        log.info("look-up kept as is in %s: %s", source.name, reason)
    if not plan.rewrites:
        return None
    try:
        text = _raw_text(raw, plan, base_uri)
    except _Refused as exc:
        log.info("byte-exact rewrite refused for %s (%s); re-serialising", source.name, exc)
        text = None
    expected = _expected_tree(plan, base_uri)
    byte_exact = False
    if text is not None:
        derived = etree.fromstring(text.encode("utf-8"), _parser(), base_url=base_uri)
        byte_exact = _canonical(derived) == _canonical(expected)
        if not byte_exact:
            log.warning("byte-exact rewrite of %s differs from the plan; re-serialising", source)
    if not byte_exact:
        text = etree.tostring(
            expected.getroottree(), xml_declaration=True, encoding="UTF-8"
        ).decode("utf-8")
    assert text is not None
    return DerivedStylesheet(
        source=source,
        source_sha256=source_sha,
        text=text,
        rewrites=tuple(plan.rewrites),
        skipped=tuple(plan.skipped),
        documents=tuple((name, uri) for uri, name in plan.documents.items()),
        byte_exact=byte_exact,
    )


# ---------------------------------------------------------------- cache
def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def cached_path(derived: DerivedStylesheet) -> Path:
    """``<cache>/<source sha256[:16]>-<derived sha256[:8]>/<official name>``."""
    folder = f"{derived.source_sha256[:16]}-{derived.sha256[:8]}-f{REWRITE_FORMAT}"
    return cache_dir() / folder / derived.source.name


def accelerated_stylesheet(source: Path) -> Path | None:
    """The derived file for *source*, written to the cache; None when not accelerated."""
    if not acceleration_enabled():
        return None
    derived = derive(source)
    if derived is None:
        return None
    path = cached_path(derived)
    _write_if_changed(path, derived.text)
    return path


# ---------------------------------------------------------------- compile
_derive_lock = threading.Lock()


def compile_stylesheet(processor: Any, compiler: Any, path: Path) -> Any:
    """What ``_RuleSet`` compiles for *path*: the accelerated copy when there is one.

    Falls back to the official file when acceleration is off, when the
    stylesheet has nothing to rewrite, or when anything about the derived copy
    fails (logged): acceleration never costs a verdict.
    """
    from saxonche import PySaxonApiError

    if not acceleration_enabled():
        return compiler.compile_stylesheet(stylesheet_file=str(path))
    try:
        with _derive_lock:
            derived = derive(path)
    except OSError as exc:
        log.warning("acceleration skipped for %s: %s", path.name, exc)
        derived = None
    if derived is None:
        return compiler.compile_stylesheet(stylesheet_file=str(path))
    try:
        executable = _compile_derived(processor, compiler, derived)
        _preload_documents(processor, executable, derived)
    except PySaxonApiError as exc:
        log.warning("accelerated %s does not compile, using the official one: %s", path.name, exc)
        return compiler.compile_stylesheet(stylesheet_file=str(path))
    log.info("%s: %d look-ups indexed", path.name, len(derived.rewrites))
    return executable


def _compile_derived(processor: Any, compiler: Any, derived: DerivedStylesheet) -> Any:
    target = cached_path(derived)
    try:
        with _derive_lock:
            _write_if_changed(target, derived.text)
    except OSError as exc:  # a read-only cache: xml:base lets the text compile alone
        log.info("cannot cache %s (%s); compiling from memory", target, exc)
        # A compiler of its own: after a text compile with an encoding, SaxonC 13.1
        # fails the next file compile of the same compiler (NullPointerException).
        return processor.new_xslt30_processor().compile_stylesheet(
            stylesheet_text=derived.text, encoding="UTF-8"
        )
    return compiler.compile_stylesheet(stylesheet_file=str(target))


def _file_of(uri: str) -> Path | None:
    parts = urlsplit(uri)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query:
        return None
    return Path(url2pathname(parts.path))


def _preload_documents(processor: Any, executable: Any, derived: DerivedStylesheet) -> None:
    """Parse each looked-up document once, so Saxon keeps its key index between runs.

    Unset (file missing, parse error), the parameter falls back to the same
    ``document()`` call the official stylesheet makes, with the same outcome.
    """
    from saxonche import PySaxonApiError

    for name, uri in derived.documents:
        path = _file_of(uri)
        if path is None or not path.is_file():
            continue
        try:
            node = processor.parse_xml(xml_file_name=str(path))
        except PySaxonApiError as exc:
            log.info("cannot preload %s: %s", path, exc)
            continue
        executable.set_parameter(name, node)


# ---------------------------------------------------------------- self-check
#: (id, flag, location, normalised text) of one svrl:failed-assert or successful-report.
AssertKey = tuple[str, str, str, str]


def failed_asserts(svrl: str) -> frozenset[AssertKey]:
    """The findings of one SVRL report, normalised for comparison."""
    if not svrl:
        return frozenset()
    root = etree.fromstring(svrl.encode("utf-8"), _parser())
    found: set[AssertKey] = set()
    for failed in root.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        text_element = failed.find(f"{SVRL}text")
        text = ""
        if text_element is not None:
            text = " ".join("".join(str(t) for t in text_element.itertext()).split())
        found.add(
            (
                failed.get("id") or "",
                failed.get("flag") or failed.get("role") or "",
                failed.get("location") or "",
                text,
            )
        )
    return frozenset(found)


@dataclass
class StylesheetCheck:
    name: str
    rewrites: int
    official_s: float
    accelerated_s: float
    differences: list[str]
    #: What the official stylesheet reported on the (last) document compared.
    official: frozenset[AssertKey] = frozenset()
    #: The official stylesheet's error message when it aborted, as the service shows it.
    official_error: str | None = None
    #: Whether the two SVRL reports were the same text, byte for byte (stricter than needed).
    identical_svrl: bool = False


def _outcome(executable: Any, node: Any) -> tuple[frozenset[AssertKey] | str, str]:
    """(the failed asserts or the message of the error that aborted the run, the raw SVRL)."""
    from saxonche import PySaxonApiError

    try:
        svrl = executable.transform_to_string(xdm_node=node) or ""
    except PySaxonApiError as exc:
        return " ".join(str(exc).split()), ""
    return failed_asserts(svrl), svrl


def _differences(
    expected: frozenset[AssertKey] | str, got: frozenset[AssertKey] | str
) -> list[str]:
    if isinstance(expected, str) or isinstance(got, str):
        return [] if expected == got else [f"officiel : {expected!r} ; accéléré : {got!r}"]
    out = [f"seulement officiel : {item}" for item in sorted(expected - got)]
    return out + [f"seulement accéléré : {item}" for item in sorted(got - expected)]


@dataclass
class SelfCheckReport:
    """Both versions of each accelerated stylesheet on the same documents."""

    kind: DocumentKind
    documents: int
    stylesheets: list[StylesheetCheck]

    @property
    def ok(self) -> bool:
        return bool(self.stylesheets) and not any(s.differences for s in self.stylesheets)


class RuleComparator:
    """Official and accelerated executables of one kind, compiled once, run side by side."""

    def __init__(self, artefacts: ArtefactSet, kind: DocumentKind) -> None:
        from saxonche import PySaxonProcessor

        self.kind = kind
        self.processor = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        self.pairs: list[tuple[str, int, Any, Any]] = []
        for path in sorted(artefacts.rules_dir(kind).glob("*.xsl")):
            derived = derive(path)
            if derived is None:
                continue
            official = compiler.compile_stylesheet(stylesheet_file=str(path))
            accelerated = _compile_derived(self.processor, compiler, derived)
            _preload_documents(self.processor, accelerated, derived)
            self.pairs.append((path.name, len(derived.rewrites), official, accelerated))

    def compare(self, data: bytes) -> list[StylesheetCheck]:
        """Run both versions on *data*; each entry lists the failed asserts that differ.

        A dynamic error is an outcome too: both versions must abort with the same message.
        """
        node = self.processor.parse_xml(xml_text=data.decode("utf-8"))
        checks = []
        for name, rewrites, official, accelerated in self.pairs:
            start = time.perf_counter()
            expected, expected_svrl = _outcome(official, node)
            middle = time.perf_counter()
            got, got_svrl = _outcome(accelerated, node)
            end = time.perf_counter()
            check = StylesheetCheck(
                name, rewrites, middle - start, end - middle, _differences(expected, got)
            )
            check.identical_svrl = expected_svrl == got_svrl
            if isinstance(expected, str):
                check.official_error = expected
            else:
                check.official = expected
            checks.append(check)
        return checks


def self_check(
    artefacts: ArtefactSet, kind: DocumentKind, documents: Sequence[bytes] | None = None
) -> SelfCheckReport:
    """Run official and accelerated stylesheets on *documents* (default: the official example)."""
    comparator = RuleComparator(artefacts, kind)
    inputs: Iterable[bytes] = documents or [artefacts.example(kind).read_bytes()]
    merged: dict[str, StylesheetCheck] = {}
    count = 0
    for data in inputs:
        count += 1
        for check in comparator.compare(data):
            entry = merged.get(check.name)
            if entry is None:
                merged[check.name] = check
                continue
            entry.official_s += check.official_s
            entry.accelerated_s += check.accelerated_s
            entry.differences.extend(check.differences)
            entry.identical_svrl = entry.identical_svrl and check.identical_svrl
            entry.official, entry.official_error = check.official, check.official_error
    return SelfCheckReport(kind, count, list(merged.values()))
