"""Free text from the public, cleaned once at intake (every public form, the status page's
answer): what is checked, stored and shown is the same text."""

import unicodedata

# Characters that reorder how text is shown (U+202E writes "fdp.exe" as "exe.pdf"): never
# needed in a name or a message, and a way to make a caseworker misread one.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def clean_text(value: str, *, multiline: bool) -> str:
    """Text as typed, without control and bidirectional-override characters.

    Long text (`multiline`) keeps its line breaks (as "\\n") and tabs. In a one-line field a
    line break or tab becomes a space, so words do not run together. Every other control
    character (NUL, vertical tab, escape …) and every direction override is removed.
    """
    value = value.replace("\r\n", "\n")
    kept = []
    for char in value:
        if char in BIDI_CONTROLS:
            continue
        if char in _LINE_BREAKS:
            kept.append("\n" if multiline else " ")
        elif char == "\t":
            kept.append("\t" if multiline else " ")
        elif unicodedata.category(char) != "Cc":
            kept.append(char)
    return "".join(kept)
