"""Pages of their own beside the case page: the print view, the legal hold."""


def case_tool_urls(case_admin) -> list:
    """URL patterns for CaseAdmin.get_urls(), wrapped in case_admin.admin_site.admin_view."""
    return []
