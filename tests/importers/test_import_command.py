"""`manage.py import_articles` and the pipeline entry points, on the real seed articles."""

from __future__ import annotations

import io
import json
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from importers import saving
from importers.pipeline import import_bytes, import_text
from importers.saving import reextract_article
from leads.choices import ReviewStatus, Stage
from leads.models import Contact, Evidence, Opportunity, Organization, OrganizationAlias, SourceArticle
from leads.services import opportunity_move_stage
from tests.importers.test_readers import encode_cp1258

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
SEED_000 = SEEDS / "000_2d8c053db6514c07.txt"
SEED_001 = SEEDS / "001_97f8f4cc8781255b.txt"
SEED_002 = SEEDS / "002_4071f28a51558a73.txt"
CONSULATE = "Tổng Lãnh sự quán Việt Nam tại Quảng Châu"
PREVIEW_KEYS = {"source", "article", "organizations", "contacts", "places", "sectors", "amounts", "opportunities"}


def run(*args: str) -> tuple[str, str]:
    """Run the command; return what it wrote to stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args: str) -> tuple[str, str, str]:
    """Run a command that must fail; return stdout, stderr and the final error message."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(failure.value)


def row_counts() -> dict[str, int]:
    models = (SourceArticle, Organization, OrganizationAlias, Contact, Opportunity, Evidence)
    return {model.__name__: model.objects.count() for model in models}


def table_row(output: str, kind: str) -> tuple[int, int]:
    """(created, matched) from the summary table's row for `kind`."""
    line = next(line for line in output.splitlines() if line.startswith(kind))
    created, matched = line.split()[1:]
    return int(created), int(matched)


def test_a_fresh_database_imports_all_five_seed_articles() -> None:
    out, err = run(str(SEEDS))

    assert "Articles: 5 new, 0 unchanged, 0 updated, 0 failed" in out
    assert SourceArticle.objects.count() == 5
    assert table_row(out, "organizations")[0] == Organization.objects.count() > 0
    assert table_row(out, "contacts")[0] == Contact.objects.count() > 0
    assert table_row(out, "opportunities")[0] == Opportunity.objects.count() > 0
    assert err == ""


def test_a_second_run_reports_the_seeds_unchanged_and_creates_nothing() -> None:
    run(str(SEEDS))
    before = row_counts()

    out, _err = run(str(SEEDS))

    assert "Articles: 0 new, 5 unchanged, 0 updated, 0 failed" in out
    assert [table_row(out, kind) for kind in ("organizations", "contacts", "opportunities")] == [(0, 0)] * 3
    assert row_counts() == before


def test_nguyen_viet_dung_is_one_contact_titled_consul_general_of_the_consulate_with_his_sentences() -> None:
    run(str(SEEDS))

    dung = Contact.objects.get(normalized_name="nguyen viet dung")
    assert dung.title.startswith("Tổng Lãnh sự")
    assert dung.organization.name == CONSULATE
    sentences = list(dung.evidence.values_list("sentence", flat=True))
    assert sentences
    assert all("Dũng" in sentence for sentence in sentences)
    assert any(sentence.startswith("Ông Dũng kêu gọi các doanh nghiệp công nghệ Trung Quốc") for sentence in sentences)
    assert {evidence.article.origin for evidence in dung.evidence.all()} == {str(SEED_000)}


def test_the_related_articles_tail_of_the_gia_lai_article_yields_nothing() -> None:
    run(str(SEED_002))

    article = SourceArticle.objects.get()
    assert "Có thể bạn quan tâm" not in article.body
    assert "VPS" not in article.body
    tail_names = ("vps", "icise", "vien han lam", "gia lai")
    assert not [
        name
        for name in Organization.objects.values_list("normalized_name", flat=True)
        if any(t in name for t in tail_names)
    ]
    mentions = " ".join(Evidence.objects.values_list("sentence", flat=True))
    assert "Polymer" not in mentions and "ICISE" not in mentions and "HPV" not in mentions


def test_an_organization_named_in_several_articles_is_one_organization_with_evidence_from_each() -> None:
    run(str(SEEDS))

    articles_per_organization = {
        organization.name: organization.evidence.values("article").distinct().count()
        for organization in Organization.objects.all()
    }
    assert max(articles_per_organization.values()) >= 2
    duplicates = Organization.objects.values("normalized_name", "country").order_by()
    assert len({(row["normalized_name"], row["country"]) for row in duplicates}) == len(duplicates)


BROKEN_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 4,
    "oversized.txt": ("Doanh nghiệp Trung Quốc muốn đầu tư. " * 2000).encode(),
    "malformed.json": b'{"title": "Tin',
    "scripts.html": b"<!DOCTYPE html><html><head><script>track()</script></head><body>"
    + b"<script>document.write('x')</script>" * 50
    + b"</body></html>",
}


def broken_folder(tmp_path: Path) -> Path:
    """A folder holding two good seed articles and one broken file of each kind."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_000, folder / "000.txt")
    shutil.copy(SEED_001, folder / "001.txt")
    for name, data in BROKEN_FILES.items():
        (folder / name).write_bytes(data)
    return folder


def test_each_broken_file_gets_a_one_line_error_and_the_good_files_still_import(tmp_path: Path) -> None:
    folder = broken_folder(tmp_path)

    out, err, message = run_failing(str(folder), "--max-bytes", "50000")

    error_lines = err.strip().splitlines()
    assert sorted(Path(line.split(": ", 1)[0]).name for line in error_lines) == sorted(BROKEN_FILES)
    assert all(len(line.split(": ", 1)[1]) > 10 for line in error_lines)
    assert "Traceback" not in err + out
    assert message == "5 of 7 sources failed; the others were imported."
    assert "Articles: 2 new, 0 unchanged, 0 updated, 5 failed" in out
    assert sorted(Path(origin).name for origin in SourceArticle.objects.values_list("origin", flat=True)) == [
        "000.txt",
        "001.txt",
    ]


def test_utf16_windows_1258_and_nfd_copies_of_an_article_are_the_same_article(tmp_path: Path) -> None:
    text = SEED_001.read_text(encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "cp1258.txt").write_bytes(encode_cp1258(text))
    (tmp_path / "nfd.txt").write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))

    out, _err = run(str(tmp_path / "utf16.txt"), str(tmp_path / "cp1258.txt"), str(tmp_path / "nfd.txt"))

    assert "Articles: 1 new, 2 unchanged, 0 updated, 0 failed" in out
    article = SourceArticle.objects.get()
    assert article.body == unicodedata.normalize("NFC", article.body)
    assert Contact.objects.filter(normalized_name="bui hoang phuong").count() == 1


def test_a_failure_while_saving_one_article_leaves_none_of_its_rows_and_the_others_import(monkeypatch) -> None:
    save_opportunities = saving._save_opportunities

    def fail_on_the_gia_lai_article(founds, sectors, organizations, contacts, in_progress):
        if "Gia Lai" in in_progress.article.raw_text:
            raise RuntimeError("the database went away")
        return save_opportunities(founds, sectors, organizations, contacts, in_progress)

    monkeypatch.setattr(saving, "_save_opportunities", fail_on_the_gia_lai_article)

    out, err, _message = run_failing(str(SEEDS))

    assert "Articles: 4 new, 0 unchanged, 0 updated, 1 failed" in out
    assert err.strip().splitlines() == [f"{SEED_002}: The article could not be imported: the database went away."]
    assert not SourceArticle.objects.filter(raw_text__contains="Gia Lai").exists()
    assert not Evidence.objects.filter(article__raw_text__contains="Gia Lai").exists()
    assert not Organization.objects.filter(evidence__isnull=True).exists()
    assert not Contact.objects.filter(evidence__isnull=True).exists()


def test_a_dry_run_prints_the_preview_contract_as_json_lines_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")

    out, _err, message = run_failing(str(SEEDS), str(tmp_path / "empty.txt"), "--dry-run", "--json")

    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(line["source"]).name for line in lines] == sorted(p.name for p in SEEDS.iterdir()) + ["empty.txt"]
    for line in lines[:5]:
        assert set(line) >= PREVIEW_KEYS
        assert {"title", "published_on", "content_hash", "language"} <= set(line["article"])
        for opportunity in line["opportunities"]:
            assert set(opportunity) >= {
                "organization",
                "origin",
                "province",
                "site",
                "project",
                "sectors",
                "investment_type",
                "status",
                "stage",
                "value",
                "currency",
                "value_usd",
                "evidence",
                "evidence_start",
                "evidence_end",
            }
    assert lines[1]["article"]["published_on"] == "2025-09-18"
    assert set(lines[5]) == {"source", "error"}
    assert message == "1 of 6 sources failed; the others were previewed."
    assert set(row_counts().values()) == {0}


def test_a_dry_run_without_json_says_what_it_found_and_saves_nothing() -> None:
    out, _err = run(str(SEED_000), "--dry-run")

    assert out.startswith(f"{SEED_000}: ")
    assert "Dry run, nothing was saved: 1 previewed, 0 failed." in out
    assert SourceArticle.objects.count() == 0


def test_json_output_of_a_real_import_gives_each_articles_status_and_counts() -> None:
    out, _err = run(str(SEED_001), "--json")

    (line,) = [json.loads(line) for line in out.splitlines()]
    assert line["status"] == "new"
    assert line["article_id"] == SourceArticle.objects.get().pk
    assert line["created"]["contacts"] == Contact.objects.count()


def test_a_dash_imports_the_article_from_stdin(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED_001.read_bytes())))

    out, _err = run("-")

    assert "Articles: 1 new" in out
    assert SourceArticle.objects.get().origin == "<stdin>"


def test_update_rebuilds_from_the_articles_and_keeps_what_staff_edited(staff_user) -> None:
    run(str(SEEDS))
    articles = dict(SourceArticle.objects.values_list("pk", "extracted_at"))
    dung = Contact.objects.get(normalized_name="nguyen viet dung")
    dung.title = "Tổng Lãnh sự (đã xác minh)"
    dung.save()
    lead = Opportunity.objects.order_by("pk").first()
    opportunity_move_stage(opportunity=lead, to_stage=Stage.CONTACTED, user=staff_user)
    rejected = Opportunity.objects.order_by("pk").last()
    Opportunity.objects.filter(pk=rejected.pk).update(review_status=ReviewStatus.REJECTED)
    before = row_counts()

    out, _err = run(str(SEEDS), "--update")

    assert "Articles: 0 new, 0 unchanged, 5 updated, 0 failed" in out
    assert [table_row(out, kind)[0] for kind in ("organizations", "contacts", "opportunities")] == [0, 0, 0]
    assert row_counts() == before
    assert all(SourceArticle.objects.get(pk=pk).extracted_at > at for pk, at in articles.items())
    assert Contact.objects.get(pk=dung.pk).title == "Tổng Lãnh sự (đã xác minh)"
    assert Opportunity.objects.get(pk=lead.pk).stage == Stage.CONTACTED
    assert Opportunity.objects.get(pk=rejected.pk).review_status == ReviewStatus.REJECTED


def test_a_rejected_lead_is_not_brought_back_by_importing_its_article_again() -> None:
    run(str(SEED_001))
    rejected = list(Opportunity.objects.values_list("pk", flat=True))
    Opportunity.objects.update(review_status=ReviewStatus.REJECTED)
    SourceArticle.objects.all().delete()  # the article itself is imported anew, from another copy

    run(str(SEED_001))

    assert sorted(Opportunity.objects.values_list("pk", flat=True)) == sorted(rejected)
    assert not Opportunity.objects.pending_review().exists()


def test_reextracting_a_stored_article_rebuilds_its_evidence_in_place() -> None:
    run(str(SEED_000))
    article = SourceArticle.objects.get()
    evidence = sorted(Evidence.objects.values_list("sentence_start", "mention"))

    outcome = reextract_article(article)

    assert (outcome.status, outcome.article.pk) == ("updated", article.pk)
    assert sorted(Evidence.objects.values_list("sentence_start", "mention")) == evidence


def test_import_text_and_import_bytes_save_one_upload_and_report_it() -> None:
    text = SEED_001.read_text(encoding="utf-8")

    preview = import_text(text, filename="bai-viet.txt", dry_run=True)
    report = import_bytes(text.encode("utf-16"), "bai-viet.txt")
    again = import_text(text)

    assert preview.outcomes[0].preview["source"] == "bai-viet.txt"
    assert report.articles == {"new": 1}
    assert report.outcomes[0].saved.article.origin == "bai-viet.txt"
    assert again.articles == {"unchanged": 1}


def test_an_upload_that_cannot_be_read_is_one_failed_outcome_with_its_reason() -> None:
    report = import_bytes(b"", "trong.txt")

    assert [(outcome.source, outcome.status, outcome.error) for outcome in report.outcomes] == [
        ("trong.txt", "failed", "The file is empty.")
    ]


@pytest.mark.django_db
def test_an_organization_named_with_its_home_region_records_that_region():
    """ "Leads from Quảng Tây" must find the lead of a Quảng Tây department keyed on the department."""
    call_command("import_articles", str(SEEDS / "004_fbd0ce9e0abd74a1.txt"), stdout=io.StringIO())
    department = Organization.objects.get(normalized_name__contains="so cong nghiep va thong tin")
    assert department.region.slug == "quang-tay"
    assert department.country_id == "CN"
