"""Validation of Danish identifiers: CVR numbers, phone numbers and postcodes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError

_INTERNATIONAL_PHONE = re.compile(r"^\+[1-9]\d{6,14}$")


def normalise_cvr(value: str) -> str:
    """The eight digits of a CVR number typed as "DK 12 34 56 78", "12345678" or similar.

    Raises ValidationError (code "invalid_cvr") with a Danish message that says what is wrong:
    not digits, not eight of them, or eight digits that are no CVR number (the modulus-11 check
    digit does not match, so the number cannot exist).
    """
    raw = (value or "").strip()
    if raw.upper().startswith("DK"):
        raw = raw[2:]
    try:
        return stdnum_cvr.validate(raw)
    except StdnumError as error:
        raise ValidationError(_cvr_error_message(raw, error), code="invalid_cvr") from None


def _cvr_error_message(raw: str, error: StdnumError) -> str:
    digits = stdnum_cvr.compact(raw)
    if not digits.isdigit():
        return _("Ugyldigt CVR-nummer: et CVR-nummer består kun af cifre, fx 12 34 56 78.")
    if isinstance(error, InvalidLength):
        return ngettext(
            "Ugyldigt CVR-nummer: et CVR-nummer har 8 cifre, men du har skrevet %(count)d ciffer.",
            "Ugyldigt CVR-nummer: et CVR-nummer har 8 cifre, men du har skrevet %(count)d cifre.",
            len(digits),
        ) % {"count": len(digits)}
    if isinstance(error, InvalidChecksum):
        return gettext(
            "Ugyldigt CVR-nummer: %(cvr)s findes ikke, for kontrolcifferet passer ikke. "
            "Tjek, at du har skrevet nummeret rigtigt."
        ) % {"cvr": digits}
    return gettext(
        "Ugyldigt CVR-nummer: %(cvr)s findes ikke. Tjek, at du har skrevet nummeret rigtigt."
    ) % {"cvr": digits}


def validate_cvr(value: str) -> None:
    normalise_cvr(value)


def normalise_danish_phone(value: str) -> str:
    """A phone number in the Danish way: "12 34 56 78"; foreign numbers as "+4912345678".

    Accepts spaces, dashes and a +45 or 0045 prefix. Raises ValidationError otherwise.
    """
    compact = re.sub(r"[\s\-().]", "", value or "")
    if compact.startswith("0045"):
        compact = "+45" + compact[4:]
    if compact.startswith("+45"):
        compact = compact[3:]
    if re.fullmatch(r"\d{8}", compact):
        return " ".join(compact[i : i + 2] for i in range(0, 8, 2))
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if _INTERNATIONAL_PHONE.match(compact) and not compact.startswith("+45"):
        return compact
    raise ValidationError(
        _("Skriv et telefonnummer med 8 cifre, fx 12 34 56 78, eller et udenlandsk nummer med +."),
        code="invalid_phone",
    )


def validate_danish_phone(value: str) -> None:
    normalise_danish_phone(value)


def validate_postcode(value: str) -> None:
    if not re.fullmatch(r"\d{4}", value or "") or not 800 <= int(value) <= 9990:
        raise ValidationError(
            _("Et dansk postnummer har 4 cifre, fx 6100."), code="invalid_postcode"
        )
