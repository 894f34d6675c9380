"""The one render path: render and batch name, keep, refuse and report a draft alike."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import replygen
import replygen.docx
from conftest import EXAMPLES, ROOT
from replygen.cli import main
from replygen.formats import Rendered, Version, available_formats, render_draft_blocks
from replygen.versions import body_length
from replygen.pipeline import STALE_MESSAGE, Claims, RenderOptions, output_targets, render_draft

COUNTY = EXAMPLES / "county" / "reply-012.yaml"  # names its style file, office-style.yaml
ZHUBAN = ROOT / "tests" / "fixtures" / "after" / "zhuban-0088.yaml"


def _county(tmp_path: Path) -> Path:
    """The county draft and its style file, copied so their times can be changed."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(COUNTY, folder / "reply-012.yaml")
    shutil.copy(COUNTY.parent / "office-style.yaml", folder / "office-style.yaml")
    return folder


def _age(path: Path, seconds: int) -> None:
    """Move ``path``'s time ``seconds`` into the past (negative: the future)."""
    stamp = path.stat().st_mtime - seconds
    os.utime(path, (stamp, stamp))


# --- what existing outputs are: one rule ---------------------------------------------------


def test_an_edited_style_file_makes_the_outputs_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = _county(tmp_path), tmp_path / "out"
    argv = ["batch", str(folder / "reply-*.yaml"), "-o", str(out), "--format", "text", "--pattern", "{stem}"]
    assert main(argv) == 0
    output = out / "reply-012.txt"
    for path in (folder / "reply-012.yaml", folder / "office-style.yaml"):
        _age(path, 60)  # the draft and its style are older than the output: it is done
    capsys.readouterr()
    assert main(argv) == 0
    assert "已有 1 份草稿的输出比草稿、格式文件和模板都新，跳过" in capsys.readouterr().out
    _age(folder / "office-style.yaml", -120)  # the office edits its style after the output
    assert main(argv) == 1
    assert f"{output}: {STALE_MESSAGE}" in capsys.readouterr().out
    assert main([*argv, "--force"]) == 0


def test_a_draft_is_read_for_its_style_file_once_for_all_its_existing_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import replygen.pipeline as pipeline

    folder, out = _county(tmp_path), tmp_path / "out"
    options = RenderOptions(formats=("text", "body"), folder=str(out))
    assert render_draft(folder / "reply-012.yaml", options).ok
    asked: list[str] = []
    real = pipeline.style_file
    monkeypatch.setattr(pipeline, "style_file", lambda source: asked.append(source) or real(source))
    for path in (folder / "reply-012.yaml", folder / "office-style.yaml"):
        _age(path, 60)
    outcome = render_draft(folder / "reply-012.yaml", options)
    assert outcome.up_to_date and len(outcome.skipped) == 2
    assert asked == [str(folder / "reply-012.yaml")]


def test_a_style_written_inside_the_draft_has_no_file_to_watch(tmp_path: Path) -> None:
    draft = tmp_path / "capped.yaml"
    draft.write_text("style: {body_limit: 100}\n" + ZHUBAN.read_text(encoding="utf-8"), encoding="utf-8")
    options = RenderOptions(formats=("text",), folder=str(tmp_path / "out"))
    assert render_draft(draft, options).outputs
    _age(draft, 60)
    assert render_draft(draft, options).up_to_date


def test_render_replaces_what_batch_would_keep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _county(tmp_path)
    draft = folder / "reply-012.yaml"
    assert main(["render", str(draft), "--format", "text", "-o", f"{folder}/"]) == 0
    output = folder / "reply-012.txt"
    output.write_text("办事员改过的版本", encoding="utf-8")
    _age(draft, -120)  # stale: batch would refuse it; render of a named draft renders it again
    assert main(["render", str(draft), "--format", "text", "-o", f"{folder}/"]) == 0
    assert output.read_text(encoding="utf-8") != "办事员改过的版本"


def test_the_up_to_date_rule_without_force(tmp_path: Path) -> None:
    folder = _county(tmp_path)
    draft = folder / "reply-012.yaml"
    options = RenderOptions(formats=("text",))  # beside the draft
    first = render_draft(draft, options)
    assert first.outputs == (str(folder / "reply-012.txt"),) and not first.skipped
    _age(draft, 60)
    _age(folder / "office-style.yaml", 60)
    kept = render_draft(draft, options)
    assert kept.up_to_date and kept.skipped == first.outputs
    _age(draft, -120)
    assert render_draft(draft, options).errors == (f"{draft}: {folder / 'reply-012.txt'}: {STALE_MESSAGE}",)


# --- names ---------------------------------------------------------------------------------


def test_render_takes_a_pattern_like_batch(tmp_path: Path) -> None:
    assert main(["render", str(EXAMPLES / "new-draft.yaml"), "-o", f"{tmp_path}/", "--format", "text", "--pattern", "{number}-{proposer}"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["0123-王秀兰.txt"]


def test_a_bad_pattern_is_a_usage_error_in_render(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(EXAMPLES / "new-draft.yaml"), "-o", f"{tmp_path}/", "--pattern", "{nummer}"]) == 2
    assert "{nummer} 无法识别" in capsys.readouterr().err


def test_render_refuses_a_pattern_collision_before_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(EXAMPLES / "new-draft.yaml", tmp_path / name)
    out = tmp_path / "out"
    argv = ["render", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "-o", f"{out}/", "--format", "text", "--pattern", "{number}"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'b.yaml'}: {out / '0123.txt'}: 与 {tmp_path / 'a.yaml'} 的输出同名" in err
    assert not out.exists()


def test_both_commands_refuse_a_collision_in_the_same_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(EXAMPLES / "new-draft.yaml", folder / name)
    drafts = [str(folder / "a.yaml"), str(folder / "b.yaml")]
    assert main(["render", *drafts, "-o", f"{tmp_path / 'r'}/", "--format", "text", "--pattern", "{number}"]) == 2
    from_render = capsys.readouterr().err
    assert main(["batch", str(folder), "-o", str(tmp_path / "r"), "--format", "text", "--pattern", "{number}"]) == 1
    from_batch = capsys.readouterr().out
    line = f"{drafts[1]}: {tmp_path / 'r' / '0123.txt'}: 与 {drafts[0]} 的输出同名；请用 --pattern 区分，如加上 {{stem}}，或分别输出到不同目录"
    assert line in from_render and line in from_batch


def test_claims_count_names_differing_in_case_as_one(tmp_path: Path) -> None:
    claims = Claims()
    assert claims.claim("a.yaml", tmp_path / "X.txt") is None
    assert claims.claim("a.yaml", tmp_path / "x.txt") is None  # the same draft again
    refusal = claims.claim("b.yaml", tmp_path / "x.txt")
    assert refusal is not None and refusal.startswith(f"b.yaml: {tmp_path / 'x.txt'}: 与 a.yaml 的输出同名")
    assert claims.claim("b.yaml", tmp_path / "other" / "x.txt") is None  # another folder


def test_output_names(tmp_path: Path) -> None:
    source = str(tmp_path / "d.yaml")
    beside = output_targets(source, None, RenderOptions(formats=("text", "body", "docx"), to_screen=("text",)))
    assert beside == {"text": None, "body": tmp_path / "d.body.txt", "docx": tmp_path / "d.docx"}
    named = output_targets(source, None, RenderOptions(formats=("pdf",), file="x/any.name"))
    assert named == {"pdf": Path("x/any.name")}
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    folder = output_targets(source, doc, RenderOptions(formats=("docx",), folder="out", pattern="{number}-{stem}"))
    assert folder == {"docx": Path("out") / "0123-d.docx"}


# --- the same words in both commands -------------------------------------------------------


def _draft_with_a_placeholder(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    text = (EXAMPLES / "new-draft.yaml").read_text(encoding="utf-8")
    (folder / "open.yaml").write_text(text.replace("name: 王秀兰", "name: 【待填写】"), encoding="utf-8")
    return folder / "open.yaml"


def test_final_refusal_reads_the_same_in_both_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = _draft_with_a_placeholder(tmp_path)
    assert main(["render", "--final", str(draft), "-o", f"{tmp_path / 'r'}/", "--format", "text"]) == 1
    from_render = capsys.readouterr().err
    assert main(["batch", str(draft.parent), "-o", str(tmp_path / "b"), "--final", "--format", "text"]) == 1
    from_batch = capsys.readouterr().out
    head = f"{draft}: 仍有 1 处占位符，--final 不生成仍有占位符的草稿；请填写后再试："
    assert head in from_render and head in from_batch
    assert "proposer.name: 这里仍是占位符" in from_render and "proposer.name: 这里仍是占位符" in from_batch


def test_body_warning_reads_the_same_in_both_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "long.yaml"
    draft.write_text("style: {body_limit: 50}\n" + ZHUBAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["render", str(draft), "--format", "body", "-o", f"{tmp_path / 'r'}/"]) == 0
    from_render = capsys.readouterr().err
    assert main(["batch", str(folder), "-o", str(tmp_path / "b"), "--format", "body"]) == 0
    captured = capsys.readouterr()  # stderr is no terminal here: batch writes a line per draft
    from_batch, batch_progress = captured.out, captured.err
    warning = next(line for line in from_render.splitlines() if "超过本单位格式" in line).removeprefix("注意：")
    assert warning.startswith(f"{draft}: 正文 ") and warning in from_batch
    note = next(line for line in from_render.splitlines() if "办理系统正文" in line)
    assert note.startswith(f"{draft}: 办理系统正文 ") and note in batch_progress


def test_the_body_length_is_a_note_of_the_body_format() -> None:
    outcome = render_draft(ZHUBAN, RenderOptions(formats=("text", "body"), to_screen=("text", "body")))
    assert len(outcome.printed) == 2 and not outcome.outputs
    length = body_length(outcome.printed[1])
    assert outcome.notes == (f"{ZHUBAN}: 办理系统正文 {length} 字（不计换行和段首空格）",)


# --- writers as equals ---------------------------------------------------------------------


def test_every_writer_takes_the_same_rendered_draft() -> None:
    doc = replygen.load(ZHUBAN)
    rendered = render_draft_blocks(doc, None, None, Version(indent=True), str(ZHUBAN))
    assert isinstance(rendered, Rendered)
    registry = available_formats()
    assert registry["text"].write(rendered).decode("utf-8") == replygen.render_text(doc)
    assert registry["docx"].write(rendered) == replygen.docx_bytes(doc)
    body = registry["body"].write(rendered).decode("utf-8")
    assert body.splitlines()[1].startswith("\u3000\u3000")  # the version's indent, read by the writer
    assert [name for name, fmt in registry.items() if fmt.notes] == ["body"]


def test_the_front_doors_live_above_the_writer() -> None:
    from replygen import pipeline

    assert replygen.docx_bytes is pipeline.docx_bytes
    assert replygen.render_docx is pipeline.render_docx
    assert replygen.render_text is pipeline.render_text
    assert not hasattr(replygen.docx, "docx_bytes") and not hasattr(replygen.docx, "render_docx")
