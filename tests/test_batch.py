"""batch: good and broken drafts together, exit codes, summary, names and overwriting."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT
from replygen.batch import BatchOptions, Outcome, Progress, find_drafts, render_one
from replygen.cli import main
from replygen.naming import check_pattern, output_name, safe_filename

GOOD = ["reply-004-kjt-2023-92.yaml", "new-draft.yaml"]
BAD_TYPE = """\
issuer: 某厅
proposal:
  meeting: 省政协十三届一次会议
  number: 7
  title: 关于某事的建议
proposer:
  name: 张三
  type: boss
"""


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    for name in GOOD:
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "sub" / "bad-type.yaml").write_text(BAD_TYPE, encoding="utf-8")
    (folder / "broken.yaml").write_text("issuer: x\nproposal: [\n", encoding="utf-8")
    (folder / "notes.txt").write_text("不是草稿", encoding="utf-8")
    (folder / ".backup").mkdir()
    (folder / ".backup" / "old.yaml").write_text("issuer: [\n", encoding="utf-8")
    return folder


def batch(drafts: Path, out: Path, *extra: str) -> int:
    return main(["batch", str(drafts), "-o", str(out), "--format", "text", *extra])


def test_good_and_broken(drafts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert batch(drafts, out) == 1
    summary = capsys.readouterr().out
    assert "共 4 份草稿：成功 2 份，失败 2 份。" in summary
    assert f"{drafts / 'sub' / 'bad-type.yaml'}:8:3 proposer.type: 只能填写以下之一" in summary
    assert f"{drafts / 'broken.yaml'}:3:1: YAML 格式错误" in summary
    assert sorted(p.name for p in out.iterdir()) == ["0123-王秀兰.txt", "2023W316-李秀玉.txt"]
    assert "王秀兰代表：" in (out / "0123-王秀兰.txt").read_text(encoding="utf-8")


def test_all_good_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(EXAMPLES / "reply-00*.yaml"), "-o", str(tmp_path), "--format", "text"]) == 0
    assert "成功 4 份，失败 0 份" in capsys.readouterr().out
    assert len(list(tmp_path.glob("*.txt"))) == 4


def test_plain_progress_lines_when_not_a_terminal(drafts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    batch(drafts, tmp_path / "out")
    err = capsys.readouterr().err
    assert "\r" not in err
    assert "[4/4]" in err and "失败" in err and "已生成" in err


def test_progress_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(2, stream, tty=True)
    progress.update(Outcome("a.yaml", ("a.txt",)))
    progress.update(Outcome("b.yaml", errors=("b.yaml:1: 坏了",)))
    text = stream.getvalue()
    assert text.startswith("\r[###############               ] 1/2")
    assert text.endswith("\r[##############################] 2/2\n")


def test_existing_outputs_are_not_overwritten(drafts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "0123-王秀兰.txt").write_text("办事员改过的版本", encoding="utf-8")
    os.utime(out / "0123-王秀兰.txt", (0, 0))  # written long before this batch
    assert batch(drafts, out) == 1
    summary = capsys.readouterr().out
    assert "0123-王秀兰.txt: 文件已存在；确认要覆盖时请加 --force" in summary
    assert (out / "0123-王秀兰.txt").read_text(encoding="utf-8") == "办事员改过的版本"
    assert batch(drafts, out, "--force") == 1  # the broken drafts still fail
    assert "王秀兰代表：" in (out / "0123-王秀兰.txt").read_text(encoding="utf-8")


def test_two_drafts_with_one_name_never_lose_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(EXAMPLES / "new-draft.yaml", folder / "a.yaml")
    shutil.copy(EXAMPLES / "new-draft.yaml", folder / "b.yaml")
    assert batch(folder, tmp_path / "out") == 1
    assert "同名" in capsys.readouterr().out
    assert batch(folder, tmp_path / "out1", "--force") == 1
    assert "同名" in capsys.readouterr().out
    assert batch(folder, tmp_path / "out2", "--pattern", "{number}-{stem}") == 0
    assert sorted(p.name for p in (tmp_path / "out2").iterdir()) == ["0123-a.txt", "0123-b.txt"]


def test_unsafe_names_stay_inside_the_output_folder(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    text = (EXAMPLES / "new-draft.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 王秀兰", 'name: "../../evil/CON"')
    (folder / "x.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert batch(folder, out, "--pattern", "{proposer}") == 0
    [written] = list(out.iterdir())
    assert written.name == "_.._evil_CON.txt"
    assert not (tmp_path / "evil").exists()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("a<b>c:d\"e|f?g*h", "a_b_c_d_e_f_g_h"),
        ("..", "未命名"),
        ("../x", "_x"),
        ("报告. . ", "报告"),
        ("a\\b/c", "a_b_c"),
        ("", "未命名"),
        ("CONSOLE", "CONSOLE"),
    ],
)
def test_safe_filename(name: str, safe: str) -> None:
    assert safe_filename(name) == safe


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_name_becomes_one_safe_component(name: str) -> None:
    safe = safe_filename(name)
    assert safe and len(safe.encode("utf-8")) <= 180
    assert not any(c in safe for c in '<>:"/\\|?*') and all(ord(c) >= 32 for c in safe)
    assert not safe.startswith(".") and not safe.endswith((".", " "))
    assert safe.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    out = Path("/out")
    assert (out / safe).parent == out


def test_long_names_are_cut_below_the_limit() -> None:
    name = safe_filename("关" * 200)
    assert len(name.encode("utf-8")) <= 180
    assert name == "关" * 60


def test_pattern_falls_back_to_the_file_name_when_a_field_is_empty() -> None:
    fields = {"number": "", "proposer": "张三", "stem": "草稿1"}
    assert output_name("{number}-{proposer}", fields) == "草稿1"
    assert output_name("{proposer}", fields) == "张三"


@pytest.mark.parametrize("pattern", ["{nmber}", "{number.__class__}", "{0}", "{number"])
def test_bad_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="文件名模式"):
        check_pattern(pattern)


@pytest.mark.parametrize(
    "argv",
    [
        ["batch", "nowhere/*.yaml", "-o", "out"],
        ["batch", "examples", "-o", "out", "--pattern", "{nope}"],
        ["batch", "examples", "-o", "out", "--format", "odt"],
        ["batch", "examples", "-o", "out", "--jobs", "0"],
        ["batch", "examples"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_find_drafts_dir_and_glob(drafts: Path) -> None:
    assert [p.name for p in find_drafts(str(drafts))] == ["broken.yaml", "new-draft.yaml", "reply-004-kjt-2023-92.yaml", "bad-type.yaml"]
    assert [p.name for p in find_drafts(str(drafts / "*.yaml"))] == ["broken.yaml", "new-draft.yaml", "reply-004-kjt-2023-92.yaml"]


def test_render_one_reports_instead_of_raising(tmp_path: Path) -> None:
    options = BatchOptions(out_dir=str(tmp_path), formats=("text",))
    outcome = render_one(tmp_path / "missing.yaml", options)
    assert not outcome.ok
    assert "文件不存在" in outcome.errors[0]


def test_an_unexpected_error_fails_one_draft_only(drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import replygen.batch

    real = replygen.batch.name_fields

    def flaky(doc: object, source: str) -> dict[str, str]:
        if source.endswith("new-draft.yaml"):
            raise RuntimeError("模拟的程序错误")
        return real(doc, source)

    monkeypatch.setattr(replygen.batch, "name_fields", flaky)
    summary = replygen.batch.run_batch(find_drafts(str(drafts)), BatchOptions(out_dir=str(tmp_path / "o"), formats=("text",)))
    assert (summary.rendered, len(summary.failures)) == (1, 3)
    assert any("内部错误（RuntimeError: 模拟的程序错误）" in line for f in summary.failures for line in f.errors)


def test_final_refuses_drafts_with_placeholders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(EXAMPLES / "new-draft.yaml", folder / "done.yaml")
    text = (EXAMPLES / "new-draft.yaml").read_text(encoding="utf-8")
    (folder / "open.yaml").write_text(text.replace("name: 王秀兰", "name: 【待填写】"), encoding="utf-8")
    out = tmp_path / "out"
    assert batch(folder, out, "--final", "--pattern", "{stem}") == 1
    summary = capsys.readouterr().out
    line = next(n for n, typed in enumerate(text.splitlines(), 1) if "name: 王秀兰" in typed)
    assert f"{folder / 'open.yaml'}:{line}:3 proposer.name: 这里仍是占位符" in summary
    assert [p.name for p in out.iterdir()] == ["done.txt"]
    assert not (out / "done.txt").read_text(encoding="utf-8").startswith("征求意见稿")


def test_parallel_jobs_in_a_real_process(drafts: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "replygen", "batch", str(drafts), "-o", str(out), "--format", "text", "--jobs", "2"],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert "成功 2 份，失败 2 份" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["0123-王秀兰.txt", "2023W316-李秀玉.txt"]
