import pytest

from partnerships.proposals import services
from portal.intake import ContactData


@pytest.fixture
def make_proposal():
    """A proposal sent through the public form's service; returns its case."""

    def make(**changes):
        kwargs = {
            "contact": ContactData(name="Jens Madsen", email="jens@tekstil.example"),
            "role": "company",
            "organisation": "Madsen Tekstil A/S",
            "partners": "Café Kanten",
            "purpose": "Frokostordning med ansatte fra kanten af arbejdsmarkedet.",
            "needs_from_municipality": "Et møde med jobcentret.",
            **changes,
        }
        return services.submit_proposal(**kwargs)

    return make
