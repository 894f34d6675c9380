"""batch: good and broken drafts together, exit codes, summary, names and overwriting."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import replygen
from conftest import EXAMPLES, ROOT
from replygen.batch import STALE_MESSAGE, BatchOptions, Outcome, Progress, find_drafts, render_one
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


def test_a_style_file_among_the_drafts_is_named_not_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An office keeps its style file beside the drafts that name it, as examples/county does.
    folder = tmp_path / "county"
    shutil.copytree(EXAMPLES / "county", folder)
    assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "--format", "text"]) == 0
    summary = capsys.readouterr().out
    assert "共 1 份草稿：成功 1 份，失败 0 份。" in summary
    assert f"另有 1 个格式文件（style）不是草稿，未生成：{folder / 'office-style.yaml'}" in summary
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["12-王丽华.txt"]
    # A broken draft is still a failure, even one with nothing but a style's fields in it.
    (folder / "half.yaml").write_text("closing: [专此答复。]\nissuer: 某局\n", encoding="utf-8")
    assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "--format", "text"]) == 1
    assert "失败 1 份" in capsys.readouterr().out


def test_rendering_a_style_file_says_what_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(EXAMPLES / "county" / "office-style.yaml"), "--format", "text"]) == 1
    assert "这是本单位的格式文件（style），不是草稿" in capsys.readouterr().err


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


def test_an_output_older_than_its_draft_is_reported_not_replaced(drafts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "0123-王秀兰.txt").write_text("办事员改过的版本", encoding="utf-8")
    os.utime(out / "0123-王秀兰.txt", (0, 0))  # written long before the draft was last saved
    assert batch(drafts, out) == 1
    summary = capsys.readouterr().out
    assert f"{out / '0123-王秀兰.txt'}: {STALE_MESSAGE}" in summary
    assert (out / "0123-王秀兰.txt").read_text(encoding="utf-8") == "办事员改过的版本"
    assert batch(drafts, out, "--force") == 1  # the broken drafts still fail
    assert "王秀兰代表：" in (out / "0123-王秀兰.txt").read_text(encoding="utf-8")


def test_an_output_newer_than_its_draft_is_kept_as_done(drafts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "0123-王秀兰.txt").write_text("办事员改过的版本", encoding="utf-8")
    os.utime(drafts / "new-draft.yaml", (0, 0))
    assert batch(drafts, out) == 1
    summary = capsys.readouterr().out
    assert "共 4 份草稿：成功 1 份，失败 2 份。\n已有 1 份草稿的输出比草稿、格式文件和模板都新，跳过；重写请加 --force" in summary
    assert "文件已存在" not in summary
    assert (out / "0123-王秀兰.txt").read_text(encoding="utf-8") == "办事员改过的版本"


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
    import replygen.naming

    real = replygen.naming.name_fields

    def flaky(doc: object, source: str) -> dict[str, str]:
        if source.endswith("new-draft.yaml"):
            raise RuntimeError("模拟的程序错误")
        return real(doc, source)

    monkeypatch.setattr(replygen.naming, "name_fields", flaky)  # read by the render path per draft
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


# --- running a batch again ------------------------------------------------------------------


def _good_drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir()}


def test_a_second_run_skips_what_is_done_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = _good_drafts(tmp_path), tmp_path / "out"
    assert batch(folder, out, "--format", "text,docx") == 0
    before = _stamps(out)
    assert len(before) == 4
    capsys.readouterr()
    assert batch(folder, out, "--format", "text,docx") == 0
    captured = capsys.readouterr()
    assert captured.out == "共 2 份草稿：成功 0 份，失败 0 份。\n已有 2 份草稿的输出比草稿、格式文件和模板都新，跳过；重写请加 --force\n"
    assert "已生成" not in captured.err
    assert _stamps(out) == before  # nothing rendered or written again


def test_a_second_run_finishes_only_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = _good_drafts(tmp_path), tmp_path / "out"
    assert batch(folder, out, "--format", "text,docx") == 0
    (out / "0123-王秀兰.docx").unlink()
    before = _stamps(out)
    capsys.readouterr()
    assert batch(folder, out, "--format", "text,docx") == 0
    captured = capsys.readouterr()
    assert "成功 1 份，失败 0 份。\n已有 1 份草稿的输出比草稿、格式文件和模板都新" in captured.out
    assert f"已生成 {out / '0123-王秀兰.docx'}\n" in captured.err  # the text beside it was not rewritten
    assert {k: v for k, v in _stamps(out).items() if k in before} == before
    assert (out / "0123-王秀兰.docx").read_bytes()[:2] == b"PK"


def test_a_draft_edited_after_its_output_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = _good_drafts(tmp_path), tmp_path / "out"
    assert batch(folder, out) == 0
    written = (out / "0123-王秀兰.txt").stat().st_mtime_ns
    draft = folder / "new-draft.yaml"
    draft.write_text(draft.read_text(encoding="utf-8").replace("王秀兰", "王秀兰"), encoding="utf-8")
    os.utime(draft, ns=(written + 10**9, written + 10**9))
    capsys.readouterr()
    assert batch(folder, out) == 1
    summary = capsys.readouterr().out
    assert f"{draft}: {out / '0123-王秀兰.txt'}: {STALE_MESSAGE}" in summary
    assert "已有 1 份草稿的输出比草稿、格式文件和模板都新" in summary
    assert batch(folder, out, "--force") == 0


def test_templates_changed_after_the_outputs_make_them_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out, templates = _good_drafts(tmp_path), tmp_path / "out", tmp_path / "tpl"
    templates.mkdir()
    (templates / "reply.j2").write_text('{% extends "builtin/reply.j2" %}\n', encoding="utf-8")
    assert batch(folder, out, "--template-dir", str(templates)) == 0
    newest = max(p.stat().st_mtime_ns for p in out.iterdir())
    os.utime(templates / "reply.j2", ns=(newest + 10**9, newest + 10**9))
    capsys.readouterr()
    assert batch(folder, out, "--template-dir", str(templates)) == 1
    assert capsys.readouterr().out.count(STALE_MESSAGE) == 2


def test_a_new_draft_taking_a_done_drafts_name_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = _good_drafts(tmp_path), tmp_path / "out"
    assert batch(folder, out) == 0
    shutil.copy(folder / "new-draft.yaml", folder / "z-copy.yaml")
    os.utime(folder / "z-copy.yaml", (0, 0))  # older than the output: it would pass as done
    capsys.readouterr()
    assert batch(folder, out) == 1
    summary = capsys.readouterr().out
    assert f"{folder / 'z-copy.yaml'}: {out / '0123-王秀兰.txt'}: 与 {folder / 'new-draft.yaml'} 的输出同名；请用 --pattern 区分" in summary


def test_a_glob_that_picks_text_files_never_overwrites_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    shutil.copy(EXAMPLES / "new-draft.yaml", folder / "new-draft.txt")
    original = (folder / "new-draft.txt").read_bytes()
    assert main(["batch", str(folder / "*.txt"), "-o", str(folder), "--format", "text", "--pattern", "{stem}", "--force"]) == 1
    assert "输出文件就是本命令的输入文件" in capsys.readouterr().out
    assert (folder / "new-draft.txt").read_bytes() == original


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks as POSIX makes them")
def test_a_link_at_an_output_name_fails_that_draft_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = _good_drafts(tmp_path), tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere.txt").write_text("别处的文件", encoding="utf-8")
    (out / "0123-王秀兰.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert batch(folder, out, "--force") == 1
    summary = capsys.readouterr().out
    assert "成功 1 份，失败 1 份" in summary and "符号链接" in summary
    assert (out / "0123-王秀兰.txt").is_symlink()
    assert (tmp_path / "elsewhere.txt").read_text(encoding="utf-8") == "别处的文件"


def test_stale_temporary_files_in_the_output_folder_are_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from replygen import output

    folder, out = _good_drafts(tmp_path), tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    (out / f".0123-王秀兰.txt.rg-{output._host()}-{dead}.abcdefgh.part").write_bytes(b"half")
    (out / "clerk.part").write_bytes(b"not ours")
    assert batch(folder, out) == 0
    assert "已清理 1 个此前中断时留下的临时文件（.part）" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["0123-王秀兰.txt", "2023W316-李秀玉.txt", "clerk.part"]


# --- output folders that cannot be made ----------------------------------------------------


@pytest.mark.parametrize("where", ["file", "under-a-file"])
def test_an_output_folder_where_a_file_is_exits_2(where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_bytes(b"x")
    out = tmp_path / "file" if where == "file" else tmp_path / "file" / "out"
    assert batch(_good_drafts(tmp_path), out) == 2
    err = capsys.readouterr().err
    assert "-o 应是一个目录" in err and f"{tmp_path / 'file'}”" in err and "Traceback" not in err


def test_an_output_folder_without_permission_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Simulated: the tests may run with administrator rights, which ignore permissions.
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    folder = _good_drafts(tmp_path)
    monkeypatch.setattr(Path, "mkdir", refuse)
    assert batch(folder, tmp_path / "locked" / "out") == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'locked' / 'out'}: 无法创建输出目录：没有权限" in err and "Traceback" not in err


# --- a batch killed with kill -9 -------------------------------------------------------------

# Runs the real command line with each draft slowed down, so the batch is surely mid-way when
# it is killed. Workers are forked, so they inherit the slowed function.
SLOW_BATCH = """\
import multiprocessing, sys, time
import replygen.batch as batch
multiprocessing.set_start_method("fork", force=True)
render_one = batch.render_one

def slow(source, options):
    time.sleep(0.05)
    return render_one(source, options)

batch.render_one = slow
batch._USE_PDEATHSIG = sys.argv[1] == "pdeathsig"
from replygen.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _running(pid: int) -> bool:
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat_line.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}  # a zombie has stopped


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; workers must be forked")
@pytest.mark.parametrize("guard", ["pdeathsig", "watching-thread"])
def test_killed_batch_takes_its_workers_and_resumes_without_force(guard: str, tmp_path: Path) -> None:
    folder, out = tmp_path / "drafts", tmp_path / "out"
    folder.mkdir()
    total = 400  # chunks of 50 per worker: an unguarded worker would go on writing for long
    for n in range(total):
        shutil.copy(EXAMPLES / "new-draft.yaml", folder / f"d{n:03}.yaml")
    argv = ["batch", str(folder), "-o", str(out), "--format", "text", "--pattern", "{stem}", "--jobs", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    parent = subprocess.Popen([sys.executable, "-c", SLOW_BATCH, guard, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        assert _wait_for(lambda: out.is_dir() and len(list(out.glob("*.txt"))) >= 3, 60), "the batch never got going"
        workers = _children(parent.pid)
        assert workers
        before_kill = len(list(out.glob("*.txt")))
        parent.kill()
        parent.wait(timeout=30)
        assert _wait_for(lambda: not any(_running(pid) for pid in workers), 15), "workers outlived their batch"
    finally:
        for pid in [parent.pid, *workers]:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
    done = {p.name: p.stat().st_mtime_ns for p in out.glob("*.txt")}
    # At most what each worker had in hand, or finished as the count was taken, came after.
    assert len(done) - before_kill <= 2 * len(workers)
    assert len(done) < total

    result = subprocess.run(
        [sys.executable, "-m", "replygen", *argv], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert f"共 {total} 份草稿：成功 {total - len(done)} 份，失败 0 份。\n已有 {len(done)} 份草稿的输出比草稿、格式文件和模板都新，跳过；重写请加 --force" in result.stdout
    assert "文件已存在" not in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [f"d{n:03}.txt" for n in range(total)]  # no .part left
    assert {name: (out / name).stat().st_mtime_ns for name in done} == done
    expected = replygen.render_text(replygen.load(EXAMPLES / "new-draft.yaml"))
    assert all(p.read_text(encoding="utf-8") == expected for p in out.iterdir())
