"""A member of staff's day in a real browser, on a database with the seed articles imported."""

from __future__ import annotations

import re
from pathlib import Path

from tests.browser.conftest import log_in

PASTED = (Path(__file__).resolve().parents[1] / "admin" / "data" / "pasted_article.txt").read_text(encoding="utf-8")


def test_log_in_and_see_the_dashboard_charts(page):
    page.goto(f"{page.base_url}/admin/")
    page.steps.shot("login-page")
    log_in(page)
    page.steps.shot("dashboard")

    for chart in ("#chart-stages", "#chart-sectors", "#chart-statuses", "#chart-provinces"):
        assert page.locator(f"{chart} svg.crm-chart rect").count() > 0, chart
    assert page.locator("#chart-stages").inner_text().count("Identified") == 1
    assert page.locator("#newest-articles li").count() == 5
    assert int(page.locator("#pending-count").inner_text()) > 0
    if page.locator("#pipeline-value-table").count():  # the seed articles state values: totalled in USD too
        assert page.locator("#pipeline-value-usd").inner_text().endswith("USD")

    page.locator("#chart-sectors svg a").first.click()
    page.wait_for_url(re.compile(r"sectors__id__exact=\d+"))
    assert page.locator("#result_list tbody tr").count() > 0
    page.steps.shot("sector-bar-opens-the-filtered-list")


def test_filter_opportunities_by_sector_and_province(page):
    log_in(page)
    page.goto(f"{page.base_url}/admin/leads/opportunity/")
    total = page.locator("#result_list tbody tr").count()
    page.steps.shot("all-opportunities")

    page.locator(
        '#changelist-filter details[data-filter-title="sectors"] a', has_text="Artificial intelligence"
    ).click()
    page.wait_for_url(re.compile(r"sectors__id__exact="))
    by_sector = page.locator("#result_list tbody tr").count()
    page.steps.shot("by-sector")
    page.locator('#changelist-filter details[data-filter-title="target province"] a', has_text="Bắc Ninh").click()
    page.wait_for_url(re.compile(r"province__id__exact="))
    page.steps.shot("by-sector-and-province")

    rows = page.locator("#result_list tbody tr")
    assert 0 < rows.count() <= by_sector < total
    for index in range(rows.count()):
        assert "Bắc Ninh" in rows.nth(index).locator("td.field-target").inner_text()
        assert "Artificial intelligence" in rows.nth(index).locator("td.field-sectors_display").inner_text()


def test_filter_opportunities_by_reported_status(page):
    log_in(page)
    page.goto(f"{page.base_url}/admin/leads/opportunity/")
    choices = page.locator('#changelist-filter details[data-filter-title="reported status"] a')
    labels = choices.all_inner_texts()[1:]  # after "All"
    counts = {}
    for label in labels:
        choices.filter(has_text=label).first.click()
        page.wait_for_url(re.compile(r"status__exact=\w+"))
        rows = page.locator("#result_list tbody tr td.field-status")
        counts[label] = rows.count()
        assert all(text == label for text in rows.all_inner_texts()), label
        page.goto(f"{page.base_url}/admin/leads/opportunity/")
    page.steps.shot("by-reported-status")
    assert labels and sum(counts.values()) > 0


def open_ai_lead_in_bac_ninh(page) -> None:
    page.goto(f"{page.base_url}/admin/leads/opportunity/")
    page.locator(
        '#changelist-filter details[data-filter-title="sectors"] a', has_text="Artificial intelligence"
    ).click()
    page.wait_for_url(re.compile(r"sectors__id__exact="))
    page.locator('#changelist-filter details[data-filter-title="target province"] a', has_text="Bắc Ninh").click()
    page.wait_for_url(re.compile(r"province__id__exact="))
    page.locator("#result_list tbody tr th a").first.click()
    page.wait_for_selector("#opportunity_form")


def test_open_an_opportunity_and_see_its_highlighted_evidence(page):
    log_in(page)
    open_ai_lead_in_bac_ninh(page)
    page.steps.shot("opportunity-page")

    evidence = page.locator(".field-evidence_html .crm-evidence-item")
    assert evidence.count() >= 1
    marks = evidence.first.locator("mark")
    assert marks.count() >= 1
    assert any(word in marks.all_inner_texts() for word in ("Bắc Ninh", "Bắc Giang", "AI", "trí tuệ nhân tạo"))
    evidence.first.scroll_into_view_if_needed()
    page.steps.shot("evidence-marked")

    evidence.first.locator("a.crm-article-link").click()
    page.wait_for_selector("#article-body")
    assert page.locator("#article-body mark").count() > 3
    page.steps.shot("article-with-mentions")


def test_move_an_opportunity_through_two_stages_one_needing_a_reason(page):
    log_in(page)
    open_ai_lead_in_bac_ninh(page)
    change_url = re.compile(r"/admin/leads/opportunity/\d+/change/$")

    page.click("#move-stage-link")
    page.select_option("#id_to_stage", "qualified")
    page.steps.shot("move-to-qualified")
    page.click("input[name=_move]")
    page.wait_for_url(change_url)
    assert "moved to “Qualified”" in page.locator("ul.messagelist").inner_text()
    page.steps.shot("qualified")

    page.click("#move-stage-link")
    page.select_option("#id_to_stage", "on_hold")
    page.click("input[name=_move]")
    assert "Give a reason" in page.locator(".errorlist").first.inner_text()
    page.steps.shot("on-hold-asks-for-a-reason")
    page.fill("#id_note", "Nhà đầu tư chờ phê duyệt ngân sách năm 2026")
    page.click("input[name=_move]")
    page.wait_for_url(change_url)
    page.steps.shot("on-hold")

    history = page.locator("#stage-history tbody tr")
    assert history.count() == 2
    assert "Nhà đầu tư chờ phê duyệt ngân sách năm 2026" in history.first.inner_text()
    assert "On hold" in page.locator(".field-stage_with_link").inner_text()


def test_merge_two_organizations_through_the_confirmation_page(page):
    log_in(page)
    page.goto(f"{page.base_url}/admin/leads/organization/?q=xuc tien thuong mai quoc te trung quoc")
    page.steps.shot("organizations")
    for name in ("Hội đồng Xúc tiến Thương mại Quốc tế Trung Quốc", "Ủy ban Xúc tiến Thương mại Quốc tế Trung Quốc"):
        page.locator("#result_list tbody tr", has=page.get_by_role("link", name=name, exact=True)).locator(
            "input.action-select"
        ).check()
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.wait_for_selector("#merge-form")
    page.locator("#merge-candidates tr", has_text="Hội đồng Xúc tiến").locator("input[type=radio]").check()
    page.wait_for_selector("#merge-form")
    page.steps.shot("confirmation-shows-what-moves")
    assert "Ủy ban Xúc tiến Thương mại Quốc tế Trung Quốc" in page.locator(".crm-merge-step").first.inner_text()

    page.click("#confirm-merge")
    page.wait_for_url(re.compile(r"/admin/leads/organization/\d+/change/"))
    page.steps.shot("merged")
    assert "Merged “Ủy ban Xúc tiến Thương mại Quốc tế Trung Quốc”" in page.locator("ul.messagelist").inner_text()
    aliases = page.locator("#aliases-group input[name$='-name']")
    names = [aliases.nth(index).input_value() for index in range(aliases.count())]
    assert "Ủy ban Xúc tiến Thương mại Quốc tế Trung Quốc" in names


def test_import_a_pasted_article_through_the_preview_page(page):
    log_in(page)
    page.goto(f"{page.base_url}/admin/leads/sourcearticle/")
    page.click("#import-articles-link")
    page.fill("#id_text", PASTED)
    page.steps.shot("pasted")
    page.click("#preview-import")
    page.wait_for_selector("#confirm-import")
    page.steps.shot("preview")
    preview = page.locator(".crm-preview").inner_text()
    assert "Sở Công nghiệp và Thông tin Quảng Tây" in preview and "Viên Hoàng" in preview
    assert page.locator("#preview-opportunities li").count() >= 1

    page.click("#confirm-import")
    page.wait_for_selector("#article-body")
    page.steps.shot("imported-article")
    assert "Doanh nghiệp Quảng Tây muốn đầu tư trung tâm dữ liệu tại Bắc Giang" in page.locator("h2").first.inner_text()
    assert page.locator("#article-body mark").count() >= 2
    assert "imported" in page.locator("ul.messagelist").inner_text()


def test_switch_the_interface_to_vietnamese(page):
    log_in(page)
    page.steps.shot("english")
    page.select_option("#crm-language-select", "vi")
    page.wait_for_function("document.documentElement.lang === 'vi'")
    page.steps.shot("vietnamese")

    assert page.locator("#chart-stages h2").inner_text() == "Cơ hội theo giai đoạn"
    assert "đổi mật khẩu" in page.locator("#user-tools").inner_text().lower()  # Django's own Vietnamese
    page.goto(f"{page.base_url}/admin/leads/opportunity/")
    assert page.locator("#changelist-filter").get_by_text("Giai đoạn", exact=False).count() >= 1
    page.steps.shot("opportunities-in-vietnamese")
