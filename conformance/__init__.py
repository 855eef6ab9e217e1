"""Conformance and interoperability harness for the IPPC ePhyto hub."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ephyto-conformance")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
