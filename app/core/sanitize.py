"""Text that every writer accepts: no characters XML 1.0 forbids, no lone surrogates.

Word's clipboard text carries U+000B for a manual line break and U+0007 in tables; some
exported .txt carry form feeds.  python-docx refuses all of these ("All strings must be
XML compatible"), which would make a draft impossible to save, so they are mapped or
dropped where text comes in (paste, .txt) and once more where it goes out (.docx).
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"  # embeddings, overrides, isolates
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi(text: str) -> str:
    """``text`` without direction controls: they can make text display in another order
    than it is stored (spoofing); a Chinese report never needs them."""
    return _BIDI.sub("", text)


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML 1.0 document cannot hold."""
    return _FORBIDDEN.sub("", text)


def clean_incoming(text: str) -> str:
    """Pasted or imported text: line-break characters become newlines, the rest of the
    control characters (not tab or newline) go."""
    return xml_safe(_LINE_BREAKS.sub("\n", text))
