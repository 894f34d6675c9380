"""Layout profiles: built-in names, partial overrides, and errors that name file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from replygen.docx.profile import Profile, builtin_profiles, load_profile
from replygen.errors import InputError


def test_builtin_profiles_name_their_clauses() -> None:
    assert {"gbt9704", "letter"} <= set(builtin_profiles())
    profile = load_profile("gbt9704")
    assert all("clause" in group for name, group in profile.data.items())
    assert profile["page"]["top_mm"] == 37 and profile["grid"]["line_pitch_twips"] == 579


def test_letter_is_the_general_profile_with_letter_settings() -> None:
    letter, general = load_profile("letter"), load_profile(None)
    assert letter.letter and not general.letter
    assert letter["page_numbers"]["first_page"] is False
    assert letter["fonts"] == general["fonts"]


def test_a_user_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "office.yaml"
    path.write_text("fonts: {fangsong: 仿宋, kaiti: 楷体}\nheadings: {h3_bold: true}\n", encoding="utf-8")
    profile = load_profile(path)
    assert profile.font("fangsong") == "仿宋" and profile.font("heiti") == "黑体"
    assert profile["headings"]["h3_bold"] is True
    assert profile["page"] == load_profile(None)["page"]
    assert load_profile(profile) is profile and isinstance(profile, Profile)


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("fonts: {fangsong_x: 仿宋}\n", "fonts.fangsong_x", "没有"),
        ("page: {top_mm: 三十七}\n", "page.top_mm", "数字"),
        ("colours: {red: true}\n", "colours", "分组"),
        ("layout: {format: poster}\n", "layout.format", "general"),
        ("headings: {h1_font: 华文行楷}\n", "headings.h1_font", "字体键"),
        ("base: nonesuch\n", "base", "内置"),
    ],
)
def test_bad_profile_names_file_and_field(tmp_path: Path, text: str, field: str, message: str) -> None:
    path = tmp_path / "office.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile(path)
    problem = caught.value.problems[0]
    assert problem.file == str(path) and problem.field == field and message in problem.message


def test_broken_yaml_and_missing_file_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "office.yaml"
    path.write_text("fonts: {fangsong: 仿宋\n", encoding="utf-8")
    with pytest.raises(InputError, match="YAML"):
        load_profile(path)
    with pytest.raises(InputError, match="找不到版式配置文件"):
        load_profile(tmp_path / "none.yaml")
