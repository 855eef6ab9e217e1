"""Hub envelopes whose header agrees with the certificate they carry."""

from __future__ import annotations

import base64
import codecs
from collections.abc import Sequence
from typing import Literal, get_args

from hypothesis import strategies as st

from conformance.certificate import Certificate, to_xml
from conformance.errors import UsageError
from conformance.generate.strategies import certificates
from conformance.hub.entities import CdataText, Envelope

__all__ = [
    "CONTENT_ENCODINGS",
    "CdataContent",
    "ContentEncoding",
    "encode_content",
    "envelope_for",
    "envelopes",
]

ContentEncoding = Literal[
    "text",
    "cdata",
    "base64-utf8",
    "base64-utf16",
    "base64-utf16-bom",
    "base64-utf16le-nobom",
    "base64-utf16be-nobom",
]
CONTENT_ENCODINGS: tuple[str, ...] = get_args(ContentEncoding)
"""How ``Content`` carries the XML, every form met in the field.

``text`` escaped XML text; ``cdata`` the same text meant for a CDATA section;
``base64-utf8``; ``base64-utf16`` big-endian with BOM (Java ``UTF-16``);
``base64-utf16-bom`` little-endian with BOM (.NET ``Encoding.Unicode``);
``base64-utf16le-nobom`` and ``base64-utf16be-nobom`` without a BOM (Java
``UTF-16LE``/``UTF-16BE``), which XML 1.0 4.3.3 frowns on but receivers read.
"""


# Content the sender writes as a CDATA section; the hub codec honours it.
CdataContent = CdataText


_UTF8_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
_UTF16_DECLARATION = '<?xml version="1.0" encoding="UTF-16"?>'
_UTF16 = {
    "base64-utf16": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "base64-utf16-bom": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "base64-utf16le-nobom": (b"", "utf-16-le"),
    "base64-utf16be-nobom": (b"", "utf-16-be"),
}


def encode_content(xml: bytes, content_encoding: str = "text") -> str:
    """The envelope ``Content`` for certificate ``xml`` (UTF-8 bytes).

    The forms are those of :data:`CONTENT_ENCODINGS`; for UTF-16 the declaration
    is rewritten to say UTF-16.

    Raises :class:`UsageError` for an unknown ``content_encoding``.
    """
    if content_encoding == "text":
        return xml.decode("utf-8")
    if content_encoding == "cdata":
        return CdataContent(xml.decode("utf-8"))
    if content_encoding == "base64-utf8":
        return base64.b64encode(xml).decode("ascii")
    if content_encoding in _UTF16:
        text = xml.decode("utf-8")
        if xml.startswith(_UTF8_DECLARATION):
            text = _UTF16_DECLARATION + text[len(_UTF8_DECLARATION) :]
        bom, codec = _UTF16[content_encoding]
        return base64.b64encode(bom + text.encode(codec)).decode("ascii")
    raise UsageError(
        f"unknown content_encoding {content_encoding!r}; choose one of "
        f"{', '.join(CONTENT_ENCODINGS)}"
    )


def envelope_for(
    certificate: Certificate, *, content_encoding: str = "text"
) -> Envelope:
    """An envelope for ``certificate``: header from the body, Content its XML.

    From is the export country, To the import country, CertificateType and
    CertificateStatus the type and status codes, NPPOCertificateNumber the
    document ID.

    >>> from conformance.certificate.examples import minimal_851
    >>> envelope_for(minimal_851()).header().to
    'KE'

    Raises :class:`UsageError` when the type or status code is not a number (the
    header fields are integers) or ``content_encoding`` is unknown.
    """
    document = certificate.document
    try:
        certificate_type = int(document.type_code)
        certificate_status = int(document.status_code)
    except ValueError as err:
        raise UsageError(
            f"certificate {document.id!r} has type {document.type_code!r} and status "
            f"{document.status_code!r}; envelope headers need numeric codes, so build "
            "this envelope by hand"
        ) from err
    return Envelope(
        from_=certificate.consignment.export_country,
        to=certificate.consignment.import_country,
        certificate_type=certificate_type,
        certificate_status=certificate_status,
        nppo_certificate_number=document.id,
        content=encode_content(to_xml(certificate), content_encoding),
    )


def envelopes(
    *,
    type_codes: Sequence[int] = (851, 657),
    exporter: str | None = None,
    importer: str | None = None,
    content_encoding: str | None = "text",
    status_codes: Sequence[int] = (70,),
) -> st.SearchStrategy[Envelope]:
    """Envelopes of drawn valid certificates (see :func:`certificates`).

    ``content_encoding=None`` draws one of :data:`CONTENT_ENCODINGS` per envelope.

    >>> from hypothesis import given
    >>> @given(envelopes(exporter="NL", content_encoding=None))
    ... def test_route(envelope):
    ...     assert envelope.from_ == "NL"

    Raises :class:`UsageError` at call time for the arguments
    :func:`certificates` refuses or an unknown ``content_encoding``.
    """
    if content_encoding is not None:
        encode_content(b"", content_encoding)  # refuse a bad one now, not per draw
    drawn = certificates(
        type_codes=type_codes,
        exporter=exporter,
        importer=importer,
        status_codes=status_codes,
    )
    encodings = st.sampled_from(
        CONTENT_ENCODINGS if content_encoding is None else (content_encoding,)
    )
    return st.tuples(drawn, encodings).map(
        lambda pair: envelope_for(pair[0], content_encoding=pair[1])
    )
