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
from conformance.hub.entities import Envelope

__all__ = [
    "CONTENT_ENCODINGS",
    "ContentEncoding",
    "encode_content",
    "envelope_for",
    "envelopes",
]

ContentEncoding = Literal["text", "base64-utf8", "base64-utf16", "base64-utf16-bom"]
CONTENT_ENCODINGS: tuple[str, ...] = get_args(ContentEncoding)
"""How ``Content`` carries the XML: as text, or base64 of UTF-8 / UTF-16 bytes.

TODO(#3): more forms (UTF-8 with BOM, wrapped base64 lines, CDATA).
"""

_UTF8_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
_UTF16_DECLARATION = '<?xml version="1.0" encoding="UTF-16"?>'


def encode_content(xml: bytes, content_encoding: str = "text") -> str:
    """The envelope ``Content`` for certificate ``xml`` (UTF-8 bytes).

    ``base64-utf16`` is big-endian with a byte-order mark (what Java's ``UTF-16``
    charset writes), ``base64-utf16-bom`` little-endian with one (.NET's
    ``Encoding.Unicode`` with its preamble). XML 1.0 (4.3.3) requires the mark on
    UTF-16, so both stay valid; the declaration is rewritten to say UTF-16.

    Raises :class:`UsageError` for an unknown ``content_encoding``.
    """
    if content_encoding == "text":
        return xml.decode("utf-8")
    if content_encoding == "base64-utf8":
        return base64.b64encode(xml).decode("ascii")
    if content_encoding in ("base64-utf16", "base64-utf16-bom"):
        text = xml.decode("utf-8")
        if xml.startswith(_UTF8_DECLARATION):
            text = _UTF16_DECLARATION + text[len(_UTF8_DECLARATION) :]
        if content_encoding == "base64-utf16":
            data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        else:
            data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        return base64.b64encode(data).decode("ascii")
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
    content_encoding: str = "text",
) -> st.SearchStrategy[Envelope]:
    """Envelopes of drawn valid certificates (see :func:`certificates`).

    Raises :class:`UsageError` at call time for the arguments
    :func:`certificates` refuses or an unknown ``content_encoding``.
    """
    encode_content(b"", content_encoding)  # refuse a bad encoding now, not per draw
    return certificates(
        type_codes=type_codes, exporter=exporter, importer=importer
    ).map(
        lambda certificate: envelope_for(certificate, content_encoding=content_encoding)
    )
