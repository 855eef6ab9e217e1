"""Allocator settings for a long-lived hub process (glibc only; elsewhere a no-op).

A hub under load frees large buffers all the time: TLS read buffers of closed
connections, request bodies, batch-pull answers. glibc raises its mmap threshold
each time such a buffer is freed, so later ones land in the heap, which cannot
shrink around the small objects that outlive them, and resident memory creeps up
over millions of certificates. A fixed threshold sends every large buffer back to
the system when it is freed; one arena keeps the server thread's allocations from
spreading over arenas of their own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

__all__ = ["MMAP_THRESHOLD_BYTES", "settle_allocator"]

logger = logging.getLogger(__name__)

MMAP_THRESHOLD_BYTES = 128 * 1024
# mallopt parameter numbers from glibc's <malloc.h>.
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8


def settle_allocator() -> bool:
    """Fix glibc's mmap threshold and arena count; False where that is not glibc."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = None if libc is None else libc.mallopt
    except (OSError, AttributeError):
        mallopt = None
    if mallopt is None:
        logger.debug("no mallopt in this C library; allocator left as it is")
        return False
    threshold_set = int(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) == 1
    arenas_set = int(mallopt(_M_ARENA_MAX, 1)) == 1
    return threshold_set and arenas_set
