from portal.pages.models import SiteSettings


def load_demo_site_settings() -> SiteSettings:
    """Haderslev Kommune's contact details, as in the strategy; only fills fields left empty."""
    site = SiteSettings.load()
    demo = {
        "municipality_name": "Haderslev Kommune",
        "department": "Sekretariat og Udvikling",
        "address": "Gåskærgade 26-28",
        "postcode": "6100",
        "city": "Haderslev",
        "phone": "74 34 34 34",
        "email": "socialokonomi@haderslev.dk",
        "website": "https://www.haderslev.dk",
        "dpo_email": "databeskyttelse@haderslev.dk",
    }
    for field, value in demo.items():
        if not getattr(site, field):
            setattr(site, field, value)
    site.save()
    return site
