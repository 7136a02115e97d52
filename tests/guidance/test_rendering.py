from guidance.rendering import markdown_to_text, render_markdown


def test_markdown_becomes_headings_lists_and_links():
    html = render_markdown(
        "## Sådan gør du\n\n- Læs **reglerne**\n- Søg på [virk.dk](https://virk.dk)\n"
    )

    assert "<h2>Sådan gør du</h2>" in html
    assert "<li>Læs <strong>reglerne</strong></li>" in html
    assert '<a href="https://virk.dk" rel="noopener">virk.dk</a>' in html


def test_scripts_event_handlers_and_javascript_links_are_stripped():
    html = render_markdown(
        "Hej <script>alert('x')</script>\n\n"
        '<p onclick="alert(1)">Klik</p>\n\n'
        '[Farlig](javascript:alert(1)) og <a href="javascript:alert(2)">også farlig</a>\n\n'
        '<img src="x" onerror="alert(3)"> <iframe src="https://evil.example"></iframe>'
    )

    assert "<script" not in html
    assert "alert" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert "Klik" in html


def test_a_level_one_heading_in_the_body_becomes_level_two():
    # The article's title is the page's only h1.
    assert render_markdown("# Overskrift") == "<h2>Overskrift</h2>"


def test_plain_text_has_no_markdown_marks():
    assert (
        markdown_to_text("## Titel\n\nEn **fed** & [link](https://x.dk)") == "Titel En fed & link"
    )
