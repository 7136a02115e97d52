from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Råd og vejledning")

    def ready(self) -> None:
        from guidance.demo import load_demo_articles
        from guidance.selectors import search_article_hits
        from portal.demo import register_demo_loader
        from portal.search import register_search_provider

        register_search_provider("articles", _("Artikler"), search_article_hits)
        register_demo_loader("articles", load_demo_articles)
