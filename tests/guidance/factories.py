import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from guidance.models import Article, ArticleAttachment, Outreach
from tests.factories import CompanyFactory

PDF_BYTES = b"%PDF-1.4\n% demo\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Vejledning nummer {n}")
    slug = factory.Sequence(lambda n: f"vejledning-{n}")
    summary = "En kort vejledning om socialøkonomi."
    body = "## Kort fortalt\n\nDet er en vejledning med **god** information."
    theme = Article.Theme.ADVICE
    published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    last_reviewed = datetime.date(2026, 11, 28)

    class Params:
        draft = factory.Trait(published=False, published_at=None)


class ArticleAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleAttachment

    article = factory.SubFactory(ArticleFactory)
    title = "Skabelon til vedtægter"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="vedtaegter.pdf"))


class OutreachFactory(factory.django.DjangoModelFactory):
    """A logged contact with a company."""

    class Meta:
        model = Outreach

    company = factory.SubFactory(CompanyFactory)
    channel = Outreach.Channel.PHONE
    outcome = Outreach.Outcome.INTERESTED
    contact_name = "Mette Hansen"
    notes = "Fortalte om netværksmøderne og muligheden for partnerskaber."
