"""The workspace in Vietnamese: every message translated, the compiled catalog committed and current."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from leads.choices import Currency

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SAME_IN_BOTH = {"URL"}
CURRENCY_CODES = set(Currency.values)  # ISO codes read the same in every language
FIELDS = {"msgctxt": "context", "msgid": "msgid", "msgid_plural": "plural"}


def po_entries() -> list[dict]:
    """Context, msgid, msgid_plural, translations and flags of each entry of the .po file."""
    entries, current, field = [], None, None
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current and current["msgid"]:
                entries.append(current)
            current = None
            continue
        current = current or {"context": None, "msgid": "", "plural": None, "msgstr": {}, "flags": ""}
        if line.startswith("#,"):
            current["flags"] += line
        elif match := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d)\])?\s+(\".*\")$", line):
            field = (match.group(1), int(match.group(2) or 0))
            value = ast.literal_eval(match.group(3))
            if field[0] == "msgstr":
                current["msgstr"][field[1]] = value
            else:
                current[FIELDS[field[0]]] = value
        elif line.startswith('"') and field:
            value = ast.literal_eval(line)
            if field[0] == "msgstr":
                current["msgstr"][field[1]] += value
            else:
                current[FIELDS[field[0]]] += value
    return entries


def test_every_message_has_a_vietnamese_translation():
    entries = po_entries()
    assert len(entries) > 300
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_committed_compiled_catalog_matches_the_po_file():
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    for entry in po_entries():
        if entry["context"] is not None:
            assert catalog.pgettext(entry["context"], entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
        elif entry["plural"] is None:
            assert catalog.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
        else:
            assert catalog.ngettext(entry["msgid"], entry["plural"], 1) == entry["msgstr"][0], entry["msgid"]


def translations_differ(text) -> bool:
    with translation.override("en"):
        english = str(text)
    with translation.override("vi"):
        vietnamese = str(text)
    return english in SAME_IN_BOTH or english != vietnamese


@pytest.mark.parametrize("app_label", ["leads"])
def test_models_fields_choices_and_help_texts_are_translated(app_label):
    missing = []
    for model in apps.get_app_config(app_label).get_models():
        for text in (model._meta.verbose_name, model._meta.verbose_name_plural):
            if not translations_differ(text):
                missing.append(str(text))
        for field in model._meta.get_fields():
            if not field.concrete or field.primary_key:
                continue
            if field.editable and not isinstance(field.verbose_name, Promise):
                missing.append(f"{model.__name__}.{field.name}: no translatable label")
            for text in (field.verbose_name, field.help_text):
                if isinstance(text, Promise) and not translations_differ(text):
                    missing.append(f"{model.__name__}.{field.name}: {text}")
            for _value, label in getattr(field, "choices", None) or []:
                if label not in CURRENCY_CODES and not translations_differ(label):
                    missing.append(f"{model.__name__}.{field.name} choice: {label}")
    assert missing == []


@pytest.mark.django_db
def test_admin_actions_and_filters_are_translated(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    missing = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "leads":
            continue
        for name, (_function, _name, description) in model_admin.get_actions(request).items():
            if name != "delete_selected" and not translations_differ(description):
                missing.append(f"{model.__name__}: {description}")
    assert missing == []


@pytest.mark.django_db
def test_the_interface_switches_to_vietnamese(admin_client_logged_in, lead, site):
    lead.site, lead.value, lead.currency = site, 2_000_000_000, "USD"
    lead.save()
    admin_client_logged_in.post(reverse("set_language"), {"language": "vi", "next": "/admin/"})

    index = admin_client_logged_in.get(reverse("admin:index")).content.decode()
    changelist = admin_client_logged_in.get(reverse("admin:leads_opportunity_changelist")).content.decode()
    change = admin_client_logged_in.get(reverse("admin:leads_opportunity_change", args=[lead.pk])).content.decode()

    assert '<html lang="vi"' in index
    assert "Cơ hội theo giai đoạn" in index and "Hàng chờ duyệt" in index
    assert "Theo giai đoạn" in changelist and "Theo ngày cập nhật" in changelist and "Đã phát hiện" in changelist
    assert "Chuyển các cơ hội đã chọn sang một giai đoạn…" in changelist
    assert "Theo tình trạng được đưa tin" in changelist and "Theo khu/cụm công nghiệp" in changelist
    assert "Cơ hội đang mở theo tình trạng được đưa tin" in index and "Quy đổi USD" in index
    assert "Lịch sử giai đoạn" in change and "Tỉnh/thành mục tiêu" in change
    assert "Nhà đầu tư" in change and "Lĩnh vực chính" in change and "Thông tin báo chí đưa" in change
    assert "Trí tuệ nhân tạo" in change  # the sector's own Vietnamese name


@pytest.mark.django_db
def test_stage_service_messages_reach_staff_in_vietnamese(admin_client_logged_in, lead):
    admin_client_logged_in.post(reverse("set_language"), {"language": "vi", "next": "/admin/"})
    response = admin_client_logged_in.post(
        reverse("admin:leads_opportunity_move_stage", args=[lead.pk]), {"to_stage": "lost", "note": ""}
    )
    assert "Hãy nêu lý do để chuyển cơ hội sang “Thất bại”." in response.content.decode()


def test_every_message_in_the_python_code_is_in_the_catalog():
    """A string marked for translation since the last `makemessages` fails here until it is translated.

    Run `manage.py makemessages -l vi --ignore=.venv --ignore=tests`, translate, `compilemessages`.
    """
    xgettext = shutil.which("xgettext")
    if xgettext is None:
        pytest.skip("xgettext (gettext) is not installed")
    sources = sorted(
        str(path.relative_to(ROOT))
        for folder in ("crm", "leads", "importers")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    )
    keywords = [
        "gettext_noop",
        "gettext_lazy",
        "ngettext_lazy:1,2",
        "pgettext:1c,2",
        "npgettext:1c,2,3",
        "pgettext_lazy:1c,2",
        "npgettext_lazy:1c,2,3",
    ]
    result = subprocess.run(
        [
            xgettext,
            "--language=Python",
            "--from-code=UTF-8",
            "--no-wrap",
            "--output=-",
            *(f"--keyword={k}" for k in keywords),
        ]
        + sources,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    in_code = set(re.findall(r'^msgid "(.+)"$', result.stdout, flags=re.MULTILINE))
    in_catalog = {entry["msgid"].replace("\\", "\\\\").replace('"', '\\"') for entry in po_entries()}
    single_line = {msgid for msgid in in_code if "\\n" not in msgid}
    assert sorted(single_line - in_catalog) == []
