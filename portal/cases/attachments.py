"""The files an enquirer sent with an answer (CaseAttachment): served to staff only."""


def attachment_urls(case_admin) -> list:
    """URL patterns for CaseAdmin.get_urls(), wrapped in case_admin.admin_site.admin_view."""
    return []
