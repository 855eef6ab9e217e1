"""Allocator settings of a long-lived hub process."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from conformance.hub.allocator import MMAP_THRESHOLD_BYTES, settle_allocator


def _is_glibc() -> bool:
    return platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not _is_glibc(), reason="mallopt settings exist only in glibc")
def test_large_buffers_go_back_to_the_system_when_freed() -> None:
    # In a fresh interpreter: a freed large buffer must not raise the threshold, so
    # the next, smaller one is mapped on its own and unmapped when freed.
    script = (
        "import ctypes\n"
        "from conformance.hub.allocator import settle_allocator\n"
        "class Info(ctypes.Structure):\n"
        "    _fields_ = [(n, ctypes.c_size_t) for n in ('arena', 'ordblks', 'smblks',"
        " 'hblks', 'hblkhd', 'usmblks', 'fsmblks', 'uordblks', 'fordblks',"
        " 'keepcost')]\n"
        "libc = ctypes.CDLL('libc.so.6')\n"
        "libc.mallinfo2.restype = Info\n"
        "print(settle_allocator())\n"
        "del bytearray(8 * 1024 * 1024)[:]\n"
        "buffers = [bytearray(512 * 1024) for _ in range(8)]\n"
        "print(libc.mallinfo2().hblks)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()

    assert out[0] == "True"
    # Without the fixed threshold the eight buffers would sit in the heap instead.
    assert int(out[1]) >= 8


def test_settling_reports_what_it_did() -> None:
    assert settle_allocator() is _is_glibc()
    assert MMAP_THRESHOLD_BYTES == 128 * 1024
