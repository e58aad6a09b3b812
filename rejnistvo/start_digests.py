"""SHA-1 and SHA-256 for what the window's start hashes (its kept code, the expected
schema's cache key, the Qt catalogue's name): the standard library's own
implementations, which ``hashlib`` falls back to.

``hashlib`` loads OpenSSL (``_hashlib``, libcrypto) at import and makes a constructor for
every algorithm it offers — ~20 million machine instructions, 1–2 ms, before the
window's first paint, which needs no other hash than these two (the change log's
HMACs and checks come after it). The digests are the same bytes either way; a Python
built without the modules uses ``hashlib``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same constructors, typed as hashlib's
    from hashlib import sha1, sha256
else:
    try:
        from _sha1 import sha1
        from _sha256 import sha256
    except ImportError:  # a Python built without them: hashlib's, with OpenSSL
        from hashlib import sha1, sha256

__all__ = ["sha1", "sha256"]
