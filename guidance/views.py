from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from guidance import selectors, selfcheck, services
from guidance.forms import EnquiryForm, SelfCheckForm
from guidance.measures import ARTICLE_VIEW, SELF_CHECK
from guidance.models import Article, ArticleAttachment
from guidance.rendering import render_markdown
from portal import intake
from portal.cases.models import Case
from portal.dashboard.tallies import count_visit
from portal.ratelimit import limit_token_guessing


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "guidance/overview.html")


@require_safe
def article_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "guidance/article_list.html", {"theme_groups": selectors.articles_by_theme()}
    )


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(
        selectors.published_articles().prefetch_related("attachments"), slug=slug
    )
    # Counted here, not in article_context(): the admin's preview is no reader.
    count_visit(request, ARTICLE_VIEW, article.slug)
    return render(request, "guidance/article_detail.html", article_context(article))


def article_context(article: Article, *, preview: bool = False) -> dict:
    """What the article page shows; the admin's preview renders the same page."""
    return {
        "article": article,
        "body_html": render_markdown(article.body),
        "attachments": list(article.attachments.all()),
        "related_articles": selectors.related_articles(article),
        "preview": preview,
    }


@require_safe
def article_attachment(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """An attachment of a published article, as a download; uploads have no public URL."""
    attachment = get_object_or_404(
        ArticleAttachment.objects.select_related("article"),
        pk=pk,
        article__slug=slug,
        article__in=selectors.published_articles(),
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.download_name)


# Never cached: going back to the form after sending it fetches a fresh one-time token, so an
# edited resend is a new enquiry, while the same form posted twice stays one case.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def enquiry_create(request: HttpRequest) -> HttpResponse:
    """The one enquiry form; ?emne= and ?tjek= (from the self-check) fill it in."""
    if request.method != "POST":
        form = EnquiryForm(initial=EnquiryForm.initial_from_query(request.GET))
        return _enquiry_form_page(request, form)

    form = EnquiryForm(request.POST)
    submission = intake.take_submission(
        request,
        form,
        scope="enquiry",
        limit=settings.ENQUIRY_RATE_LIMIT,
        window=settings.ENQUIRY_RATE_WINDOW,
        submit=lambda: services.submit_enquiry(**form.service_kwargs()),
    )
    if submission.caught:
        return render(request, "guidance/enquiry_thanks.html")
    if submission.case is not None:
        return redirect("guidance:enquiry-receipt", token=submission.case.public_token)
    response = _enquiry_form_page(request, form, status=submission.status)
    if submission.retry_after:
        response["Retry-After"] = str(submission.retry_after)
    return response


def _enquiry_form_page(request: HttpRequest, form: EnquiryForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "answer_days": settings.CASES_FIRST_ANSWER_WORKING_DAYS}
    return render(request, "guidance/enquiry_form.html", context, status=status)


@never_cache
@require_safe
@limit_token_guessing
def enquiry_receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The page after sending: reference, expected answer and the private status link."""
    case = get_object_or_404(
        Case.objects.select_related("contact", "enquiry"),
        public_token=token,
        enquiry__isnull=False,
    )
    return intake.receipt_page(
        request, case=case, template="guidance/enquiry_receipt.html", enquiry=case.enquiry
    )


@require_safe
def self_check(request: HttpRequest) -> HttpResponse:
    """Five questions on one page; answers in the query string (from "Ret dine svar") fill it."""
    form = SelfCheckForm(initial=request.GET.dict())
    return render(request, "guidance/selfcheck_form.html", {"form": form})


@require_safe
def self_check_result(request: HttpRequest) -> HttpResponse:
    """The result of the self-check, from the answers in the query string (bookmarkable)."""
    if not request.GET:
        return redirect("guidance:self-check")
    form = SelfCheckForm(request.GET)
    if not form.is_valid():
        return render(request, "guidance/selfcheck_form.html", {"form": form})
    result = selfcheck.evaluate(form.cleaned_data)
    count_visit(request, SELF_CHECK)
    articles = {
        article.slug: article
        for article in selectors.published_articles()
        .filter(slug__in=result.article_slugs)
        .only("slug", "title")
    }
    return render(
        request,
        "guidance/selfcheck_result.html",
        {
            "result": result,
            "articles": articles,
            "rsv_article": articles.get(selfcheck.RSV_ARTICLE),
            "missing": [
                {"result": item, "article": articles.get(item.criterion.article_slug)}
                for item in result.missing
            ],
            "unknown": [
                {"result": item, "article": articles.get(item.criterion.article_slug)}
                for item in result.unknown
            ],
        },
    )
