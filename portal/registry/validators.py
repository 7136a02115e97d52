"""Kept for the migrations that name it: the Danish validators (CVR, telephone, postcode) are
portal.validators', shared by the registry and the site settings."""

from portal.validators import (  # noqa: F401
    normalise_cvr,
    normalise_danish_phone,
    validate_cvr,
    validate_danish_phone,
    validate_postcode,
)
