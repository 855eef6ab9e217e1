"""XML namespaces of the certificate, the hub contract and SOAP 1.1."""

from __future__ import annotations

__all__ = [
    "CERTIFICATE_PREFIXES",
    "EPH",
    "HUB",
    "QDT",
    "RAM",
    "RSM",
    "SOAP_ENV",
    "UDT",
]

# UN/CEFACT D17A release, as used by ePhyto.
RSM = "urn:un:unece:uncefact:data:standard:SPSCertificate:17"
RAM = (
    "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"
)
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21"
# Capital S in "Standard": the one UN/CEFACT namespace spelt this way.
QDT = "urn:un:unece:uncefact:data:Standard:QualifiedDataType:21"

# The hub's WSDL: operation wrappers and faults, then the entity types.
EPH = "http://ephyto.ippc.int/"
HUB = "http://ephyto.ippc.int/HUB.Entities"

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"

CERTIFICATE_PREFIXES = {"rsm": RSM, "ram": RAM, "udt": UDT}
