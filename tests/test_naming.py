"""Output names: filled from a pattern, safe on Windows and POSIX, never leaving the folder."""

from __future__ import annotations

import pytest

from replygen.naming import DEFAULT_PATTERN, check_pattern, output_name, safe_filename


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("2023W316-李秀玉", "2023W316-李秀玉"),
        ("../../etc/passwd", "_.._etc_passwd"),  # no directory, no climbing out
        ('a<b>c:d"e|f?g*h\\i', "a_b_c_d_e_f_g_h_i"),
        ("名字。。. ", "名字。。"),  # Windows drops trailing dots and spaces
        (".hidden", "hidden"),
        ("  多个   空格  ", "多个 空格"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("CONSOLE", "CONSOLE"),
        ("", "未命名"),
        ("...", "未命名"),
    ],
)
def test_safe_filename(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


def test_a_long_name_is_cut_to_fit_in_bytes() -> None:
    name = safe_filename("关于加快科技型中小企业创新发展的建议" * 20)
    assert len(name.encode("utf-8")) <= 180 and name.startswith("关于加快")


def test_decomposed_characters_are_composed() -> None:
    assert safe_filename("Cafe\u0301") == "Caf\u00e9"


def test_output_name_fills_the_pattern_or_falls_back_to_the_file_name() -> None:
    fields = {"number": "2023W316", "proposer": "李秀玉、王芳", "stem": "316"}
    assert output_name(DEFAULT_PATTERN, fields) == "2023W316-李秀玉、王芳"
    assert output_name("{number}-{proposer}", {**fields, "proposer": ""}) == "316"
    assert output_name("{number}/{proposer}", fields) == "2023W316_李秀玉、王芳"


@pytest.mark.parametrize(("pattern", "message"), [("{numbr}", "{numbr} 无法识别"), ("{number", "花括号要成对")])
def test_check_pattern_refuses_in_chinese(pattern: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_pattern(pattern)


def test_check_pattern_accepts_every_field() -> None:
    check_pattern("{number}{proposer}{meeting}{issuer}{title}{stem}-答复")
