"""Template tags for the portal's look: the language links and the DKFDS form rendering.

The DKFDS crispy-forms template pack (templates/dkfds/) renders fields with these tags,
so that classes and ARIA attributes are computed in one place, without mutating the
form's widgets.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django import forms, template
from django.conf import settings
from django.forms.boundfield import BoundField
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, override

register = template.Library()


def _in_language(path: str, code: str) -> str:
    """The same page in another language; the front page when the path is no page of ours."""
    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        with override(code):
            return reverse("pages:home")
    return translate_url(path, code)


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context: template.Context) -> dict:
    """Links to the same page in each language: plain links, no JavaScript, no POST.

    The current language comes first, as in DKFDS' language switcher.
    """
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    links = [
        {
            "code": code,
            "name": name,
            "url": _in_language(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    links.sort(key=lambda link: not link["current"])
    return {"languages": links}


@register.inclusion_tag("includes/alternate_links.html", takes_context=True)
def alternate_links(context: template.Context) -> dict:
    """<link rel="alternate" hreflang> for this page in each language, and Danish as x-default.

    Absolute, as search engines want them, from SITE_URL: the Host header is the client's to
    choose (and on a 400 page it may be the very thing that was refused).
    """
    request = context.get("request")
    if request is None:
        return {"alternates": []}
    path = request.get_full_path()
    try:
        resolve(request.path)
    except Resolver404:
        return {"alternates": []}
    site_url = settings.SITE_URL.rstrip("/")
    alternates = [
        {"hreflang": code, "href": site_url + translate_url(path, code)}
        for code, _name in settings.LANGUAGES
    ]
    alternates.append(
        {"hreflang": "x-default", "href": site_url + translate_url(path, settings.LANGUAGE_CODE)}
    )
    return {"alternates": alternates}


@register.filter
def html_datetime(value: date | datetime | None) -> str:
    """A value for <time datetime="…">: "2026-12-01" for a date, "2026-12-01T09:30:00+01:00"
    for a datetime (in Copenhagen time, whole seconds: HTML allows no microseconds)."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


@register.simple_tag
def icon(name: str, label: str = "", css_class: str = "") -> SafeString:
    """A DKFDS icon from the vendored sprite: decorative unless it has a label.

    {% icon "arrow-forward" %} or {% icon "open-in-new" label=_("åbner i nyt vindue") %}
    """
    href = f"{static('dkfds/img/all-svg-icons.svg')}#{name}"
    classes = f"icon-svg {css_class}".strip()
    if label:
        return format_html(
            '<svg class="{}" focusable="false" role="img" aria-label="{}">'
            '<use href="{}"></use></svg>',
            classes,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" focusable="false" aria-hidden="true"><use href="{}"></use></svg>',
        classes,
        href,
    )


# --- DKFDS form fields -------------------------------------------------------------------


def _kind(field: BoundField) -> str:
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.MultiWidget):
        return "multi"
    return "input"


@register.filter
def dkfds_kind(field: BoundField) -> str:
    """What DKFDS markup the field needs: input, textarea, select, checkbox, radios, …"""
    return _kind(field)


def hint_id(field: BoundField) -> str:
    return f"{field.auto_id}-hint"


def error_id(field: BoundField) -> str:
    return f"{field.auto_id}-error"


@register.filter
def dkfds_hint_id(field: BoundField) -> str:
    return hint_id(field)


@register.filter
def dkfds_error_id(field: BoundField) -> str:
    return error_id(field)


@register.filter
def dkfds_describedby(field: BoundField) -> str:
    """The ids of the field's hint and error message, for aria-describedby."""
    ids = []
    if field.help_text:
        ids.append(hint_id(field))
    if field.errors:
        ids.append(error_id(field))
    return " ".join(ids)


_WIDGET_CLASSES = {
    "input": "form-input",
    "textarea": "form-input",
    "multi": "form-input",
    "select": "form-select",
    "checkbox": "form-checkbox",
}


@register.simple_tag
def dkfds_widget(field: BoundField, extra_class: str = "") -> str:
    """Render the field's widget with the DKFDS class and its hint/error ids.

    aria-invalid="true" is added by Django itself when the field has errors.
    """
    kind = _kind(field)
    classes = [
        _WIDGET_CLASSES.get(kind, ""),
        field.field.widget.attrs.get("class", ""),
        extra_class,
    ]
    attrs = {"class": " ".join(c for c in classes if c)}
    describedby = dkfds_describedby(field)
    if describedby:
        attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)


@register.filter
def dkfds_choices(field: BoundField) -> list[dict]:
    """The options of a radio or checkbox list, each with its own id, for DKFDS' markup."""
    return [
        {
            "id": option.data["attrs"].get("id") or f"{field.auto_id}_{index}",
            "name": option.data["name"],
            "value": option.data["value"],
            "label": option.choice_label,
            "checked": option.data["selected"],
        }
        for index, option in enumerate(field.subwidgets)
    ]


def _target_id(field: BoundField) -> str:
    """The element an error-summary link moves to: the input, or a group's first option."""
    if _kind(field) in {"radios", "checkboxes"}:
        return f"{field.auto_id}_0"
    if _kind(field) == "multi":
        return f"{field.auto_id}_0"
    return field.auto_id


@dataclass(frozen=True)
class SummaryError:
    message: str
    label: str = ""  # the field's label, so that "Dette felt er påkrævet." says which field
    target: str = ""  # the id to link to; empty for errors about the whole form


@register.filter
def dkfds_error_summary(form: forms.BaseForm) -> list[SummaryError]:
    """Every error of the form, in field order, for the error summary at the top."""
    errors = [SummaryError(message=str(message)) for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            target = "" if field.is_hidden else _target_id(field)
            errors.append(SummaryError(message=str(message), label=field.label, target=target))
    return errors
