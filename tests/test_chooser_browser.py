"""The chooser and the table script in a real headless Chromium.

Uses the run's shared build, served on 127.0.0.1, and drives Debian's
chromium through Playwright. Clicking a path reaches the expected
recommendation, the URL hash restores it after a reload, the keyboard alone
(Tab, Enter) answers questions, and without JavaScript the answers are
plain links that lead to the same sections. The browser fixture is shared
(tests/conftest.py): in CI a missing chromium fails the run.
"""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from sidebyside.data.decision import load_decision

pytestmark = pytest.mark.browser

PATH = ["target", "codebase", "hugging-face", "pytorch-hub"]
"""Servers -> starting fresh -> needs Hugging Face models -> PyTorch."""


@pytest.fixture(scope="module")
def base_url(hosted_url: str) -> str:
    """The run's one shared build, served like GitHub Pages (tests/conftest.py)."""
    return hosted_url


@pytest.fixture
def page(browser, base_url: str, wait_ceiling_ms: int):
    context = browser.new_context()
    context.set_default_timeout(wait_ceiling_ms)  # every wait ends when its condition holds
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


def answer_text(source: str, target: str) -> str:
    tree = load_decision()
    return next(a.text for a in tree.nodes[source].answers if a.next == target)


def expect_heading(page, text: str) -> None:
    """The visible question's heading becomes ``text`` (Playwright retries until it does or times out).

    The chooser updates on ``hashchange``, which fires after the click returns,
    so a one-shot read would race the page.
    """
    expect(page.locator(".sbs-step:not([hidden]) h2")).to_have_text(text)


def expect_js(page, expression: str, value: object) -> None:
    """Wait until a JavaScript expression evaluates to ``value``; fail with what it was."""
    try:
        page.wait_for_function(f"v => ({expression}) === v", arg=value)
    except Exception:
        actual = page.evaluate(expression)
        raise AssertionError(f"{expression} is {actual!r}, expected {value!r}") from None


def test_clicking_a_path_reaches_the_recommendation_and_survives_reload(page, base_url: str) -> None:
    tree = load_decision()
    page.goto(base_url + "decide/chooser/")
    expect_heading(page, tree.nodes["target"].title)
    assert page.locator(".sbs-step:not([hidden])").count() == 1
    for source, target in itertools.pairwise(PATH):
        page.get_by_role("button", name=answer_text(source, target), exact=True).click()
        expect_js(page, "location.hash", "#path=" + "/".join(PATH[: PATH.index(target) + 1]))
    expected = "Recommendation: " + tree.nodes["pytorch-hub"].title
    expect_heading(page, expected)
    assert page.locator(".sbs-path li").count() == len(PATH) - 1

    page.reload()
    expect_heading(page, expected)
    assert page.locator(".sbs-path li").count() == len(PATH) - 1

    page.get_by_role("button", name="Back", exact=True).click()
    expect_heading(page, tree.nodes["hugging-face"].title)
    page.go_back()  # the browser's Back undoes the same way
    expect_heading(page, expected)
    page.get_by_role("button", name="Start over", exact=True).click()
    expect_heading(page, tree.nodes["target"].title)


def test_a_shared_link_opens_the_same_result(page, base_url: str) -> None:
    page.goto(base_url + "decide/chooser/#path=" + "/".join(PATH))
    expect_heading(page, "Recommendation: " + load_decision().nodes["pytorch-hub"].title)
    page.goto(base_url + "decide/chooser/#step-pytorch-hub")  # a plain section link, e.g. from search
    expect_heading(page, "Recommendation: " + load_decision().nodes["pytorch-hub"].title)
    assert page.locator(".sbs-path li").count() == len(PATH) - 1  # the shortest path is filled in
    page.goto(base_url + "decide/chooser/#path=target/not-a-node")
    expect_heading(page, load_decision().nodes["target"].title)  # a bad hash falls back to the start


def test_keyboard_alone_answers_questions(page, base_url: str) -> None:
    tree = load_decision()
    page.goto(base_url + "decide/chooser/")
    page.locator("#step-target").focus()
    page.keyboard.press("Tab")
    expect_js(page, "document.activeElement.textContent", tree.nodes["target"].answers[0].text)
    page.keyboard.press("Enter")
    first_next = tree.nodes["target"].answers[0].next
    expect_heading(page, tree.nodes[first_next].title)
    expect_js(page, "document.activeElement.id", f"step-{first_next}")  # focus follows the question
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    second_next = tree.nodes[first_next].answers[0].next
    expect_js(page, "location.hash", f"#path=target/{first_next}/{second_next}")


def test_without_javascript_answers_are_links_between_sections(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + "decide/chooser/")
    tree = load_decision()
    assert tab.locator("section.sbs-step").count() == len(tree.nodes)  # all visible, all searchable
    for source, target in itertools.pairwise(PATH):
        tab.locator(f'section[data-node="{source}"] a[data-next="{target}"]').click()
        expect_js(tab, "location.hash", f"#step-{target}")
    assert tab.locator("#step-pytorch-hub").is_visible()
    context.close()


def test_table_filters_and_sorts(page, base_url: str) -> None:
    page.goto(base_url + "decide/comparison/")
    rows = page.locator("#sbs-comparison tbody tr")
    total = rows.count()
    page.get_by_label("Group").select_option("performance")
    shown = page.locator("#sbs-comparison tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert page.locator(".sbs-cmp-count").inner_text() == f"Showing {shown.count()} of {total} criteria"
    page.get_by_label("Group").select_option("")
    page.get_by_role("button", name="Criterion").click()
    assert page.locator("#sbs-comparison thead th").first.get_attribute("aria-sort") == "ascending"
    names = page.locator("#sbs-comparison tbody .sbs-cmp-criterion").all_inner_texts()
    assert names == sorted(names, key=str.lower)
