"""`manage.py evaluate_extraction`: a table of scores from a folder of gold annotations."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_the_command_prints_a_score_table_and_lists_misses_when_verbose(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Tập đoàn Hyosung (Hàn Quốc) mong muốn đầu tư vào năng lượng tái tạo tại Bắc Giang.\n")
    gold = {
        "source": str(article),
        "places": [{"slug": "kr", "country": "KR", "kind": "country"}, {"slug": "da-nang", "country": "VN"}],
        "sectors": [{"slug": "renewable-energy"}],
    }
    (tmp_path / "a.json").write_text(json.dumps(gold, ensure_ascii=False))
    out = StringIO()
    call_command("evaluate_extraction", str(tmp_path), "--verbose", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "1 articles, 0 failed"
    lines = lines[1:]
    assert lines[0].split() == ["kind", "TP", "FP", "FN", "precision", "recall", "F1"]
    assert next(line for line in lines if line.startswith("sectors")).split()[1:4] == ["1", "0", "0"]
    assert "  FN places: da-nang" in lines
    assert "  FP places: bac-ninh" in lines


def test_a_missing_folder_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="No folder"):
        call_command("evaluate_extraction", str(tmp_path / "missing"))
