"""The 办理系统 body (render --format body) and the published version (render --publication)."""

from __future__ import annotations

from pathlib import Path

import pytest

import replygen
from conftest import EXAMPLES, ROOT
from replygen.cli import main
from replygen.versions import body_length

AFTER = ROOT / "tests" / "fixtures" / "after"
ZHUBAN = AFTER / "zhuban-0088.yaml"
LIANMING = AFTER / "lianming-0101.yaml"
WITHHELD = AFTER / "withheld-0120.yaml"
COUNTY = EXAMPLES / "county" / "reply-012.yaml"


def _body(draft: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[list[str], str]:
    assert main(["render", str(draft), "--format", "body", *options]) == 0
    captured = capsys.readouterr()
    return captured.out.splitlines(), captured.err


# --- the 办理系统 body -----------------------------------------------------------------------


def test_body_runs_from_salutation_to_closing_and_nothing_else(capsys: pytest.CaptureFixture[str]) -> None:
    lines, _ = _body(ZHUBAN, capsys)
    assert lines[0] == "孙立新委员："
    assert lines[1].startswith("您在市政协十五届三次会议上提出的《关于加快发展社区嵌入式养老服务的提案》收悉")
    assert lines[2] == "一、关于“扩大社区养老服务设施供给”的建议"
    assert lines[-1] == "感谢您对全市养老服务工作的关心和支持。"
    text = "\n".join(lines)
    # no title, 文号, class, signature, date, 附注, contact or 版记
    for absent in ("提案的答复", "××民提〔2024〕12号", "A类", "××市民政局", "2024年6月18日", "此件公开发布", "赵敏", "抄送"):
        assert absent not in text, absent
    assert all(not line.startswith("\u3000") for line in lines)  # plain paragraphs by default


def test_body_indent_is_an_option_and_the_salutation_stays_flush(capsys: pytest.CaptureFixture[str]) -> None:
    lines, _ = _body(ZHUBAN, capsys, "--indent")
    assert lines[0] == "孙立新委员："
    assert all(line.startswith("\u3000\u3000") and not line.startswith("\u3000\u3000\u3000") for line in lines[1:])


def test_body_keeps_a_styles_closing_but_not_its_class_line_after_the_body(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "county.yaml"
    text = COUNTY.read_text(encoding="utf-8").replace("style: office-style.yaml", "style:\n  file: office-style.yaml\n  class_place: 正文后")
    draft.write_text(text, encoding="utf-8")
    (tmp_path / "office-style.yaml").write_text((COUNTY.parent / "office-style.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    lines, _ = _body(draft, capsys)
    assert lines[0] == "王丽华委员"  # the style's salutation, without a colon
    assert lines[-2:] == ["感谢您对全县教育工作的关心和支持。", "专此答复。"]
    letter = replygen.render_text(replygen.load(draft))
    assert "类别：B" in letter  # the letter prints it after the body; the pasted body does not
    assert "类别：B" not in "\n".join(lines)


def test_body_length_is_printed_to_stderr_not_into_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    lines, err = _body(ZHUBAN, capsys, "--indent")
    expected = sum(len(line.lstrip("\u3000")) for line in lines)
    assert f"办理系统正文 {expected} 字" in err
    assert "字" not in lines[-1][-3:]  # the count is not part of what is pasted
    assert "注意" not in err  # no cap in the default style


def test_body_over_the_styles_cap_is_warned_and_still_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "capped.yaml"
    draft.write_text("style: {body_limit: 100}\n" + ZHUBAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["render", str(draft), "--format", "body", "-o", str(tmp_path / "out.body.txt")]) == 0
    written = (tmp_path / "out.body.txt").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    length = body_length(written)
    assert length > 100
    assert f"正文 {length} 字，超过本单位格式 body_limit 规定的 100 字（多 {length - 100} 字）" in err
    # within the cap: no warning
    draft.write_text(f"style: {{body_limit: {length}}}\n" + ZHUBAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["render", str(draft), "--format", "body", "-o", str(tmp_path / "out.body.txt")]) == 0
    assert "超过" not in capsys.readouterr().err


def test_body_file_suffix_and_named_output(tmp_path: Path) -> None:
    assert main(["render", str(ZHUBAN), "--format", "body,text", "-o", f"{tmp_path}/"]) == 0
    body = (tmp_path / "zhuban-0088.body.txt").read_text(encoding="utf-8")
    letter = (tmp_path / "zhuban-0088.txt").read_text(encoding="utf-8")
    assert body.startswith("孙立新委员：") and "××民提〔2024〕12号" in letter
    # `-o x.body.txt` alone means the body
    assert main(["render", str(ZHUBAN), "-o", str(tmp_path / "paste.body.txt")]) == 0
    assert (tmp_path / "paste.body.txt").read_text(encoding="utf-8") == body


def test_body_length_counts_without_breaks_and_indent() -> None:
    assert body_length("甲乙：\n\u3000\u3000丙丁戊。\n") == 7


def test_batch_writes_bodies_and_lists_those_over_the_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "long.yaml").write_text("style: {body_limit: 50}\n" + ZHUBAN.read_text(encoding="utf-8"), encoding="utf-8")
    (drafts / "short.yaml").write_text(LIANMING.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(drafts), "-o", str(out), "--format", "body", "--indent"]) == 0
    report = capsys.readouterr().out
    bodies = sorted(p.name for p in out.iterdir())
    assert len(bodies) == 2 and all(name.endswith(".body.txt") for name in bodies)
    assert "已生成但请注意：" in report and "规定的 50 字" in report
    assert report.count("超过本单位格式") == 1
    assert all(line.startswith("\u3000\u3000") for p in out.iterdir() for line in p.read_text(encoding="utf-8").splitlines()[1:])


def test_body_limit_must_be_a_positive_whole_number(tmp_path: Path) -> None:
    draft = tmp_path / "bad.yaml"
    draft.write_text("style: {body_limit: 0}\n" + ZHUBAN.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(replygen.InputError) as caught:
        replygen.load(draft)
    [problem] = caught.value.problems
    assert problem.field == "style.body_limit" and problem.line == 1


# --- the published version --------------------------------------------------------------------


def test_publication_has_the_header_and_drops_contact_and_draft_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text(ZHUBAN.read_text(encoding="utf-8").replace("孙立新", "【待填写】"), encoding="utf-8")
    assert main(["render", str(draft), "--format", "text"]) == 0
    letter = capsys.readouterr().out
    assert "征求意见稿" in letter and "联系人：赵敏" in letter  # the letter has both
    assert main(["render", str(draft), "--format", "text", "--publication"]) == 0
    published = capsys.readouterr().out.splitlines()
    assert published[:7] == [
        "索引号：11xxxx0000000000M/2024-00088",
        "分类：建议提案办理",
        "发文机关：××市民政局",
        "成文日期：2024年06月18日",
        "标题：对市政协十五届三次会议第88号委员提案的答复",
        "发文字号：××民提〔2024〕12号",
        "发布日期：2024年06月28日",
    ]
    text = "\n".join(published)
    assert "征求意见稿" not in text and "赵敏" not in text and "0431-8000xxxx" not in text
    assert "（此件公开发布）" in text and "抄送：市政协提案委员会，市政府督查室，市财政局，市卫生健康委。" in text


def test_publication_refuses_a_withheld_reply_quoting_its_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(WITHHELD), "--publication", "-o", str(tmp_path / "x.txt")]) == 1
    err = capsys.readouterr().err
    assert f"{WITHHELD}:7:1 disclosure: 公开属性为“不予公开”（理由：“涉及案件侦办细节”），不能生成信息公开版本" in err
    assert not (tmp_path / "x.txt").exists()
    assert main(["render", str(WITHHELD), "--format", "text"]) == 0  # the letter itself still renders


def test_publication_needs_the_drafts_publication_header(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(LIANMING), "--publication", "--format", "text"]) == 1
    assert "publication: 生成信息公开版本需要填写 publication（索引号 index_no" in capsys.readouterr().err


def test_batch_publication_fails_only_the_withheld_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for source in (ZHUBAN, WITHHELD):
        (drafts / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(drafts), "-o", str(out), "--format", "text", "--publication"]) == 1
    report = capsys.readouterr().out
    assert "成功 1 份，失败 1 份" in report and "不予公开" in report and "涉及案件侦办细节" in report
    [written] = list(out.iterdir())
    assert written.read_text(encoding="utf-8").startswith("索引号：") and "赵敏" not in written.read_text(encoding="utf-8")
