"""Office templates (``--template-dir``) are untrusted code: they see plain data only, read
files only inside their directory, run within a time and text budget, and every failure is a
TemplateError naming the template file and line."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import replygen
from conftest import EXAMPLES
from replygen import render, sandbox
from replygen.sandbox import Record, plain_view

EXTENDS = '{% extends "builtin/reply.j2" %}'


@pytest.fixture
def draft() -> replygen.Reply:
    doc = replygen.load(EXAMPLES / "new-draft.yaml")
    assert isinstance(doc, replygen.Reply)
    return doc


def office(tmp_path: Path, source: str, name: str = "reply.j2") -> Path:
    folder = tmp_path / "office"
    folder.mkdir(exist_ok=True)
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(source, encoding="utf-8")
    return folder


def closing(expression: str) -> str:
    """An office template printing ``expression`` as its closing paragraph."""
    return EXTENDS + "{% block closing %}\n<p>" + expression + "</p>\n{% endblock %}"


def failure(doc: replygen.Reply, folder: Path) -> replygen.TemplateError:
    with pytest.raises(replygen.TemplateError) as caught:
        replygen.render_text(doc, template_dir=folder)
    return caught.value


# --- 1. plain data only -------------------------------------------------------------------

UNREACHABLE = {
    # the model's methods and Python's internals
    "class": ("doc.__class__", "以 _ 开头的属性“__class__”"),
    "model_fields": ("doc.model_fields", "没有字段“model_fields”"),
    "model_validate": ("doc.model_validate({})", "没有字段“model_validate”"),
    "model_dump": ("doc.proposer.model_dump()", "没有字段“model_dump”"),
    "parse_file": ("doc.parse_file('reply.j2')", "没有字段“parse_file”"),
    "record internals": ("doc._fields", "以 _ 开头的属性“_fields”"),
    "record dict": ("doc.proposer.__dict__", "以 _ 开头"),
    "date strftime": ("doc.signature.date.strftime('%Y' * 10)", "没有字段“strftime”"),
    "date replace": ("doc.signature.date.replace(year=1)", "没有字段“replace”"),
    "formulas class": ("f.__class__", "以 _ 开头的属性“__class__”"),
    "macro globals": ("b.items.__globals__", "以 _ 开头的属性“__globals__”"),
    "macro attribute": ("b.items.arguments", "不能使用宏的“arguments”"),
    "list method": ("doc.sections.index(1)", "不能使用列表的“index”"),
    "list append": ("[1, 2].append(3)", "不能使用列表的“append”"),
    "int method": ("doc.doc_number.year.bit_length()", "不能使用整数的“bit_length”"),
    "dict method": ("{'a': 1}.items()", "不能使用字典的“items”"),
    # Jinja's globals are gone
    "cycler": ("cycler(1, 2)", "“cycler”没有定义"),
    "joiner": ("joiner()", "“joiner”没有定义"),
    "namespace": ("namespace(s='x')", "“namespace”没有定义"),
    "lipsum": ("lipsum(1000000)", "“lipsum”没有定义"),
    "range": ("range(10)", "“range”没有定义"),
    "dict": ("dict(a=1)", "“dict”没有定义"),
    # refused when compiled
    "self": ("self.closing()", "不能使用 self"),
    "self printed": ("self", "不能使用 self"),
    # formatting, and text methods that can grow without bound
    "str.format": ("''.format(1)", "不能使用文字的“format”"),
    "str.format_map": ("'{a}'.format_map({'a': 1})", "不能使用文字的“format_map”"),
    "format filter": ("'%s'|format(1)", "没有过滤器“format”"),
    "percent": ("'%s' % doc.issuer", "不能用 % 格式化文字"),
    "replace": ("doc.issuer.replace('', 'x')", "不能使用文字的“replace”"),
    "ljust": ("'x'.ljust(1000000000)", "不能使用文字的“ljust”"),
    "encode": ("doc.issuer.encode()", "不能使用文字的“encode”"),
    "missing method": ("doc.issuer.no_such_method()", "文字没有“no_such_method”"),
    "attr filter": ("doc|attr('__class__')", "没有过滤器“attr”"),
    "map filter": ("doc.sections|map(attribute='topic')|join", "没有过滤器“map”"),
    # calls of anything but macros and a few text methods
    "call a record": ("doc()", "不能调用记录"),
    "call a number": ("doc.doc_number.year()", "不能调用整数"),
}


@pytest.mark.parametrize("case", sorted(UNREACHABLE))
def test_office_templates_reach_nothing_but_plain_data(case: str, draft: replygen.Reply, tmp_path: Path) -> None:
    expression, message = UNREACHABLE[case]
    error = failure(draft, office(tmp_path, closing("{{ " + expression + " }}")))
    assert message in str(error)
    assert error.template == "reply.j2" and error.line == 2


def test_the_names_an_office_template_sees_are_the_ones_readme_lists(draft: replygen.Reply, tmp_path: Path) -> None:
    listed = ["doc", "draft", "style", "formulas", "own_formulas", "f", "b"]
    probe = "".join(f"{{{{ {name} is defined }}}}," for name in listed + ["environment", "context", "caller", "range", "dict"])
    source = EXTENDS + "{% block closing %}<p>" + probe + "</p>{% endblock %}"
    [last] = [b.text for b in render.render_blocks(draft, office(tmp_path, source)) if b.role == "p"][-1:]
    assert last == "True," * len(listed) + "False," * 5


def test_loop_objects_are_refused_with_advice(draft: replygen.Reply, tmp_path: Path) -> None:
    source = EXTENDS + "{% block closing %}\n{% for s in doc.sections %}\n<p>{{ loop.index }}</p>{% endfor %}{% endblock %}"
    error = failure(draft, office(tmp_path, source))
    assert "不能使用 loop" in str(error) and "|numbered" in str(error)
    assert error.line == 3


def test_pickle_through_parse_raw_runs_nothing(draft: replygen.Reply, tmp_path: Path) -> None:
    marker = tmp_path / "created-by-pickle"

    class Payload:
        def __reduce__(self) -> tuple[Any, tuple[str]]:
            return os.mkdir, (str(marker),)

    payload = pickle.dumps(Payload(), protocol=0).decode("ascii")
    literal = payload.replace("\\", "\\\\").replace("\n", "\\n").replace("'", "\\'")
    expression = f"doc.parse_raw('{literal}', content_type='application/pickle', allow_pickle=True)"
    error = failure(draft, office(tmp_path, closing("{{ " + expression + " }}")))
    assert "没有字段“parse_raw”" in str(error)
    assert not marker.exists()


def test_parse_file_cannot_read_a_file(draft: replygen.Reply, tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"issuer": "机密内容"}', encoding="utf-8")
    error = failure(draft, office(tmp_path, closing("{{ doc.parse_file(" + repr(str(secret)) + ") }}")))
    assert "机密内容" not in str(error)


def test_what_an_office_template_can_reach(tmp_path: Path) -> None:
    """Everything README's "Templates" section lists, used once; the output is written by hand."""
    doc = replygen.Reply.model_validate(
        {
            "issuer": "吉林省科学技术厅",
            "doc_number": "吉科发〔2023〕71号",
            "proposal": {"meeting": "省政协十三届一次会议", "number": "2023D7", "title": "关于促进孵化器发展的建议"},
            "proposer": {"name": ["张三", "李四"], "type": "deputy"},
            "sections": [{"topic": "加强引导", "paragraphs": ["正文。"], "items": ["甲。", "乙。"]}],
            "signature": {"date": "2023-05-17"},
            "closing": {"thanks_for": "科技工作"},
        }
    )
    source = EXTENDS + """{% block closing %}
{% macro pair(a, b) %}{{ a }}与{{ b }}{{ caller() }}{% endmacro %}
<p>{{ doc.issuer }}|{{ doc.doc_number }}|{{ doc.doc_number.serial + 1 }}|{{ doc.proposer.plural }}|{{ doc.proposer.name[1] }}</p>
<p>{{ doc.signature.date }}|{{ doc.signature.date.year }}|{{ doc.signature.date|cn_date }}|{{ doc.signature.date|padded_date }}</p>
<p>{{ "、".join(doc.proposer.name) }}|{{ doc.issuer.startswith("吉林") }}|{{ "  空格 ".strip() }}|{{ doc.issuer[2:4] }}</p>
<p>{{ doc.sections|length }}|{{ (doc.sections|first).topic }}|{{ doc.proposer.name|join("/") }}|{{ "ab"|upper }}</p>
<p>{{ f.topic_heading|fill("甲") }}|{{ 12|cn_number }}|{{ doc.title|default("无标题", true) }}|{{ f.pronoun }}|{{ f.we }}</p>
<p>{% for n, item in doc.sections[0].items|numbered(3) %}{{ n }}{{ item.text }}{% endfor %}|{% call pair("甲", "乙") %}！{% endcall %}</p>
{{ super() }}
{% endblock %}"""
    folder = office(tmp_path, source)
    paragraphs = [b.text for b in render.render_blocks(doc, folder) if b.role == "p"][-7:]
    assert paragraphs == [
        "吉林省科学技术厅|吉科发〔2023〕71号|72|True|李四",
        "2023-05-17|2023|2023年5月17日|2023年05月17日",
        "张三、李四|True|空格|省科",
        "1|加强引导|张三/李四|AB",
        "关于“甲”的建议|十二|无标题|你们|我厅",
        "3甲。4乙。|甲与乙！",
        "感谢你们对科技工作的关心和支持。",
    ]


def plain_leaves(value: Any) -> list[Any]:
    if isinstance(value, Record):
        return [leaf for field in value._fields.values() for leaf in plain_leaves(field)]
    if isinstance(value, tuple):
        return [leaf for item in value for leaf in plain_leaves(item)]
    return [value]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_view_holds_only_plain_values(path: Path) -> None:
    view = plain_view(replygen.load(path))
    leaves = plain_leaves(view)
    assert len(leaves) > 20
    assert {type(leaf) for leaf in leaves} <= {str, int, bool, type(None)}
    assert [name for name in dir(Record) if not name.startswith("_")] == []  # no method to call
    with pytest.raises(AttributeError):
        view.issuer = "改"  # type: ignore[misc]


def override_nothing(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "reply.j2").write_text('{% extends "builtin/reply.j2" %}', encoding="utf-8")
    (folder / "opinion.j2").write_text('{% extends "builtin/opinion.j2" %}', encoding="utf-8")
    return folder


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_an_office_template_that_overrides_nothing_renders_the_same_bytes(path: Path, tmp_path: Path) -> None:
    # The built-in templates then run in the sandbox, on the plain view: nothing may change.
    doc = replygen.load(path)
    folder = override_nothing(tmp_path)
    assert replygen.render_text(doc, template_dir=folder) == replygen.render_text(doc)
    assert replygen.docx_bytes(doc, template_dir=folder) == replygen.docx_bytes(doc)


def test_a_long_draft_stays_within_the_limits(tmp_path: Path) -> None:
    # The largest draft the size checks use: 10 000 items.
    items = [f"第{n}项工作有序推进。" for n in range(10_000)]
    doc = replygen.Reply.model_validate(
        {
            "issuer": "吉林省科学技术厅",
            "proposal": {"meeting": "省政协十三届一次会议", "number": "219", "title": "关于促进孵化器发展的建议"},
            "proposer": {"name": "费日晨", "type": "member"},
            "sections": [{"topic": "政府引导", "paragraphs": ["主要工作如下："], "items": items}],
        }
    )
    assert replygen.render_text(doc, template_dir=override_nothing(tmp_path)) == replygen.render_text(doc)


def test_the_built_in_environment_pays_no_budget() -> None:
    # Without an office template nothing is counted: the fast path keeps its speed.
    code = render._environment(None).compile("{% for x in xs %}{{ x ~ 'a' }}{% endfor %}", raw=True)
    assert "environment.emit" not in code and "environment.joined" not in code and "_steps" not in code


def test_a_render_with_the_built_in_templates_does_not_load_the_sandbox() -> None:
    # A cold render is at its time limit: it must not pay for importing what it does not use.
    script = (
        "import sys, replygen; replygen.render_text(replygen.load(sys.argv[1])); "
        "print(sorted(m for m in sys.modules if m.endswith('sandbox')))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(render.__file__).parents[1])}
    result = subprocess.run([sys.executable, "-c", script, str(EXAMPLES / "new-draft.yaml")], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --- 2. files only from inside the template directory ---------------------------------------


def symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except (OSError, NotImplementedError):
        pytest.skip("this system does not let us create symbolic links")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.j2").write_text("<p>机密内容</p>", encoding="utf-8")
    return folder


def test_a_template_linking_outside_is_refused(draft: replygen.Reply, tmp_path: Path, outside: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    symlink(folder / "reply.j2", outside / "secret.j2")
    error = failure(draft, folder)
    assert "指向模板目录之外的链接" in str(error) and error.template == "reply.j2"
    assert "机密内容" not in str(error)


@pytest.mark.parametrize("kind", ["directory", "fifo"])
def test_a_template_that_is_no_regular_file_is_refused_not_replaced(kind: str, draft: replygen.Reply, tmp_path: Path) -> None:
    # Neither read (a pipe would wait for a writer) nor quietly swapped for the built-in one.
    folder = tmp_path / "office"
    folder.mkdir()
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(folder / "reply.j2")
    else:
        (folder / "reply.j2").mkdir()
    error = failure(draft, folder)
    assert error.template == "reply.j2"
    assert f"模板“reply.j2”是{'目录' if kind == 'directory' else '命名管道（FIFO）'}，不是普通文件" in str(error)


def test_an_included_template_linking_outside_is_refused(draft: replygen.Reply, tmp_path: Path, outside: Path) -> None:
    folder = office(tmp_path, '<p>正文</p>\n{% include "common.j2" %}')
    symlink(folder / "common.j2", outside / "secret.j2")
    error = failure(draft, folder)
    assert "模板“common.j2”是指向模板目录之外的链接" in str(error)
    assert (error.template, error.line) == ("reply.j2", 2)


def test_a_linked_sub_folder_is_refused(draft: replygen.Reply, tmp_path: Path, outside: Path) -> None:
    folder = office(tmp_path, '{% include "shared/secret.j2" %}')
    symlink(folder / "shared", outside)
    assert "指向模板目录之外的链接" in str(failure(draft, folder))


def test_links_within_the_folder_are_followed(draft: replygen.Reply, tmp_path: Path) -> None:
    folder = office(tmp_path, "<p>共用的正文</p>", "common/reply.j2")
    symlink(folder / "reply.j2", folder / "common" / "reply.j2")
    assert replygen.render_text(draft, template_dir=folder).strip() == "共用的正文"


def test_a_linked_template_directory_is_used(draft: replygen.Reply, tmp_path: Path) -> None:
    folder = office(tmp_path, "<p>本单位模板</p>")
    symlink(tmp_path / "link", folder)
    assert replygen.render_text(draft, template_dir=tmp_path / "link").strip() == "本单位模板"


@pytest.mark.parametrize(
    "statement",
    [
        '{% include "../elsewhere/secret.j2" %}',
        '{% extends "sub/../../elsewhere/secret.j2" %}',
        '{% import "builtin/../../elsewhere/secret.j2" as x %}',
        '{% from "./../elsewhere/secret.j2" import x %}',
    ],
)
def test_names_with_dot_dot_are_refused(statement: str, draft: replygen.Reply, tmp_path: Path, outside: Path) -> None:
    error = failure(draft, office(tmp_path, statement))
    assert "含“..”（上一级目录）" in str(error) and "机密内容" not in str(error)


def test_names_with_backslashes_are_refused(draft: replygen.Reply, tmp_path: Path, outside: Path) -> None:
    error = failure(draft, office(tmp_path, '{% include "..\\\\elsewhere\\\\secret.j2" %}'))
    assert "含“\\”" in str(error)


def test_an_oversized_template_file_is_refused(draft: replygen.Reply, tmp_path: Path) -> None:
    folder = office(tmp_path, "<p>正文</p>" + "{# 注释 #}" * 200_000)
    assert "超过 1,000,000 字节" in str(failure(draft, folder))


# --- 3. time and text budget -----------------------------------------------------------------

TEXT_LIMIT = "超过 10,000,000 个字符的上限"

TOO_MUCH_TEXT = {
    "string product": "{{ 'x' * 10000000000 }}",
    "list product": "{{ [1, 2] * 1000000000 }}",
    "records product": "{{ doc.sections * 100000000 }}",
    "doubling by recursion": "{% macro m(s) %}{{ m(s ~ s) }}{% endmacro %}{{ m('x') }}",
    "doubling with +": "{% macro m(s) %}{{ m(s + s) }}{% endmacro %}{{ m('x') }}",
    "doubling with fill": "{% macro m(s) %}{{ m('%s%s'|fill(s, s)) }}{% endmacro %}{{ m('x') }}",
    "doubling with join": "{% macro m(s) %}{{ m(s.join([s, s])) }}{% endmacro %}{{ m('x') }}",
    "doubling with |join": "{% macro m(s) %}{{ m([s, s]|join) }}{% endmacro %}{{ m('x') }}",
    "long separator": "{{ ('x' * 5000000).join(doc.issuer) }}",
    "slices held by recursion": "{% macro m(s) %}{{ m(s[1:]) }}{% endmacro %}{{ m(doc.issuer * 300000) }}",
    "output in a loop": "{% for c in doc.issuer * 100000 %}{{ doc.issuer * 1000 }}{% endfor %}",
    "text in a loop": "{% for c in doc.issuer * 1000000 %}这一段固定的文字会被重复打印很多很多次{% endfor %}",
    "set blocks": "{% macro m(s) %}{% set t %}{{ s }}{{ s }}{% endset %}{{ m(t) }}{% endmacro %}{{ m('x') }}",
    "upper in recursion": "{% macro m(s) %}{{ m((s ~ s)|upper) }}{% endmacro %}{{ m('x') }}",
    "joining characters": "{{ '、'.join(doc.issuer * 600000) }}",
    "joining a repeated list": "{{ ([doc.issuer * 100000] * 100)|join }}",
    "list of lists": "{% set l = [doc.sections] * 2000000 %}",
}


@pytest.mark.parametrize("case", sorted(TOO_MUCH_TEXT))
def test_text_is_bounded(case: str, draft: replygen.Reply, tmp_path: Path) -> None:
    folder = office(tmp_path, "<p>\n" + TOO_MUCH_TEXT[case] + "</p>")
    tracemalloc.start()
    try:
        error = failure(draft, folder)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert TEXT_LIMIT in str(error)
    assert (error.template, error.line) == ("reply.j2", 2)
    assert peak < 100_000_000  # bytes: what the budget allows, not what the template asked for


REFUSED_GROWTH = {
    "ljust": ("{{ 'x'.ljust(1000000000) }}", "不能使用文字的“ljust”"),
    "center method": ("{{ 'x'.center(1000000000) }}", "不能使用文字的“center”"),
    "zfill": ("{{ 'x'.zfill(1000000000) }}", "不能使用文字的“zfill”"),
    "percent width": ("{{ '%2000000000s' % 1 }}", "不能用 % 格式化文字"),
    "format filter width": ("{{ '%2000000000s'|format(1) }}", "没有过滤器“format”"),
    "format method width": ("{{ '{:>2000000000}'.format(1) }}", "不能使用文字的“format”"),
    "lipsum": ("{{ lipsum(1000000) }}", "“lipsum”没有定义"),
    "indent": ("{{ 'x'|indent(1000000000) }}", "没有过滤器“indent”"),
    "center": ("{{ 'x'|center(1000000000) }}", "没有过滤器“center”"),
    "wordwrap": ("{{ doc.issuer|wordwrap(1) }}", "没有过滤器“wordwrap”"),
    "namespace doubling": ("{% set ns = namespace(s='x') %}{% set ns.s = ns.s ~ ns.s %}", "“namespace”没有定义"),
    "power": ("{{ 9 ** 999999999 }}", "指数过大"),
    "big product": ("{{ 4611686018427387904 * 4611686018427387904 }}", "超出 ±2^63 的范围"),
    "endless recursion": ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "递归过深"),
    "recursive include": ('{% include "reply.j2" %}', "递归过深"),
    "printing a list": ("{{ [doc.issuer * 100000] * 100 }}", "不能把列表直接当作文字打印或拼接"),
    "concatenating a list": ("{{ 'x' ~ doc.sections }}", "不能把列表直接当作文字打印或拼接"),
    "filling in a list": ("{{ '%s'|fill([doc.issuer] * 1000) }}", "不能把列表直接当作文字打印或拼接"),
    "joining numbers as text": ("{{ '、'.join([1, 2]) }}", "join 的第 1 项是整数，不是文字"),
}


@pytest.mark.parametrize("size", [sandbox.TEMPLATE_BYTES_LIMIT, sandbox.TEMPLATE_BYTES_LIMIT + 1])
def test_the_template_size_limit_is_exact(size: int, draft: replygen.Reply, tmp_path: Path) -> None:
    head, tail = EXTENDS + "{# ", " #}"
    folder = office(tmp_path, head + "x" * (size - len((head + tail).encode())) + tail)
    assert (folder / "reply.j2").stat().st_size == size
    if size == sandbox.TEMPLATE_BYTES_LIMIT:
        assert replygen.render_text(draft, template_dir=folder) == replygen.render_text(draft)
    else:
        assert "超过 1,000,000 字节" in str(failure(draft, folder))


@pytest.mark.parametrize("case", sorted(REFUSED_GROWTH))
def test_ways_to_grow_without_bound_are_refused(case: str, draft: replygen.Reply, tmp_path: Path) -> None:
    source, message = REFUSED_GROWTH[case]
    error = failure(draft, office(tmp_path, "<p>\n" + source + "</p>"))
    assert message in str(error)
    assert error.line == 2


TOO_SLOW = {
    "nested loops": "{% set s = doc.issuer * 3000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "branching recursion": "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(60) }}",
    "loops of includes": '{% for a in doc.issuer * 100000 %}{% include "empty.j2" %}{% endfor %}',
}


@pytest.fixture
def short_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.3)


@pytest.mark.parametrize("case", sorted(TOO_SLOW))
def test_time_is_bounded(case: str, draft: replygen.Reply, tmp_path: Path, short_time_limit: None) -> None:
    folder = office(tmp_path, "<p>\n" + TOO_SLOW[case] + "</p>")
    (folder / "empty.j2").write_text("", encoding="utf-8")
    error = failure(draft, folder)
    assert "模板运行超过 0.3 秒的时限" in str(error)
    assert error.template in ("reply.j2", "empty.j2")


def test_the_time_limit_works_outside_the_main_thread(draft: replygen.Reply, tmp_path: Path, short_time_limit: None) -> None:
    # No signal.alarm: it would not fire in a thread, nor exist on Windows.
    folder = office(tmp_path, "<p>\n" + TOO_SLOW["nested loops"] + "</p>")
    caught: list[BaseException] = []

    def run() -> None:
        try:
            replygen.render_text(draft, template_dir=folder)
        except BaseException as exc:  # noqa: BLE001 (handed to the test's thread)
            caught.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert len(caught) == 1 and isinstance(caught[0], replygen.TemplateError)
    assert "0.3 秒的时限" in str(caught[0])


def test_each_render_gets_a_fresh_budget(draft: replygen.Reply, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A budget spent by one render must not be charged to the next one.
    folder = override_nothing(tmp_path)
    expected = replygen.render_text(draft)
    monkeypatch.setattr(sandbox, "TEXT_LIMIT", len(expected) * 4)
    for _ in range(10):
        assert replygen.render_text(draft, template_dir=folder) == expected


def test_the_limits_and_their_numbers_are_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    guarantees = readme.split("## What replygen guarantees")[1].split("\n## ")[0]
    assert f"{sandbox.TIME_LIMIT:g} seconds" in guarantees
    assert f"{sandbox.TEXT_LIMIT:,}".replace(",", " ") + " characters" in guarantees


# --- 4. errors name the template file and line -------------------------------------------


def test_an_undefined_value_in_an_imported_macro_names_that_file(draft: replygen.Reply, tmp_path: Path) -> None:
    folder = office(tmp_path, "{% macro shout(x) %}\n<p>{{ x }}{{ x.missing_field }}</p>\n{% endmacro %}", "macros/mine.j2")
    (folder / "reply.j2").write_text(
        EXTENDS + '\n{% import "macros/mine.j2" as m %}\n{% block closing %}\n\n{{ m.shout(doc.issuer) }}\n{% endblock %}',
        encoding="utf-8",
    )
    error = failure(draft, folder)
    assert (error.template, error.line) == ("macros/mine.j2", 2)
    assert "没有“missing_field”" in str(error) and "由 reply.j2 第 5 行调用" in str(error)


def test_a_division_by_zero_in_an_office_block(draft: replygen.Reply, tmp_path: Path) -> None:
    error = failure(draft, office(tmp_path, EXTENDS + "{% block closing %}\n<p>\n{{ 1 // 0 }}</p>\n{% endblock %}"))
    assert (error.template, error.line) == ("reply.j2", 3)
    assert "除数为零" in str(error)


def test_a_call_to_a_missing_method(draft: replygen.Reply, tmp_path: Path) -> None:
    error = failure(draft, office(tmp_path, EXTENDS + "{% block title %}\n\n\n<title>{{ f.title.shout() }}</title>{% endblock %}"))
    assert (error.template, error.line) == ("reply.j2", 4)
    assert "文字没有“shout”" in str(error)


def test_a_built_in_macro_given_the_wrong_value_names_both_places(draft: replygen.Reply, tmp_path: Path) -> None:
    error = failure(draft, office(tmp_path, EXTENDS + "{% block body %}\n{{ b.items(doc.sections) }}\n{% endblock %}"))
    assert error.template == "builtin/_blocks.j2" and isinstance(error.line, int)
    assert "没有字段“lead”" in str(error) and "由 reply.j2 第 2 行调用" in str(error)


def test_a_missing_include_names_its_line(draft: replygen.Reply, tmp_path: Path) -> None:
    error = failure(draft, office(tmp_path, '<p>正文</p>\n\n{% include "nowhere.j2" %}'))
    assert (error.template, error.line) == ("reply.j2", 3)
    assert "找不到模板 nowhere.j2" in str(error)


def test_a_syntax_error_in_an_included_file_names_that_file(draft: replygen.Reply, tmp_path: Path) -> None:
    folder = office(tmp_path, "<p>\n{{ doc.issuer </p>", "parts/broken.j2")
    (folder / "reply.j2").write_text('{% include "parts/broken.j2" %}', encoding="utf-8")
    error = failure(draft, folder)
    assert (error.template, error.line) == ("parts/broken.j2", 2)
    assert "模板语法错误" in str(error)


# Jinja's own words ('expected token', 'can only concatenate') and Python's never reach the author.
IN_CHINESE = {
    "dot without name": ("{{ doc. }}", "“.”后面应写字段名或数字"),
    "unclosed print": ("{{ doc.issuer", "此处不应出现 “/”"),  # the </p> after it
    "unclosed if": ("{% if doc.seal %}", "“{% endblock %}”来得太早：“{% if %}”还没有结束，此处应是 “{% elif %}” 或 “{% else %}” 或 “{% endif %}”"),
    "unknown tag": ("{% shout %}", "这里不能用“{% shout %}”"),
    "stray endif": ("{% endif %}", "这里不能用“{% endif %}”：“{% block %}”中此处只能是 “{% endblock %}”"),
    "two else": ("{% if 1 %}{% else %}{% else %}{% endif %}", "这里不能用“{% else %}”"),
    "two names": ("{{ doc issuer }}", "此处应写 “}}”，却写了 “issuer”"),
    "for without in": ("{% for x %}{% endfor %}", "此处应写 “in”"),
    "unclosed quote": ("{{ 'abc }}", "无法识别的字符 “'”"),
    "unclosed bracket": ("{{ (doc.issuer }}", "此处应先写 “)”"),
    "empty set": ("{% set %}", "此处应写一个值"),
    "text plus number": ("{{ doc.issuer + 1 }}", "用错了值的种类"),
    "minus on text": ("{{ -doc.issuer }}", "用错了值的种类"),
    "loop over a number": ("{% for x in 5 %}{% endfor %}", "用错了值的种类"),
    "compare text and number": ("{{ doc.issuer < 1 }}", "用错了值的种类"),
    "a date filter on text": ("{{ doc.issuer|cn_date }}", "用错了值的种类"),
}


@pytest.mark.parametrize("case", sorted(IN_CHINESE))
def test_a_template_mistake_is_said_in_chinese(case: str, draft: replygen.Reply, tmp_path: Path) -> None:
    source, message = IN_CHINESE[case]
    error = failure(draft, office(tmp_path, EXTENDS + "{% block closing %}\n<p>\n" + source + "</p>\n{% endblock %}"))
    assert message in str(error)
    # An unclosed if is found where the block ends, on the line after it.
    assert (error.template, error.line) == ("reply.j2", 4 if case == "unclosed if" else 3)
    # No English word of Jinja's or Python's; tag and field names are the author's own.
    english = re.findall(r"[A-Za-z]{3,}", str(error).split(": ", 1)[1])
    assert set(english) <= {"doc", "issuer", "elif", "else", "endif", "endblock", "block", "shout", "abc"}, str(error)


def test_a_built_in_template_error_names_its_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reply.j2").write_text('{% import "_parts.j2" as p %}<p>{{ p.number(10000) }}</p>', encoding="utf-8")
    (tmp_path / "_parts.j2").write_text("{% macro number(n) %}\n\n{{ n|cn_number }}{% endmacro %}", encoding="utf-8")
    monkeypatch.setattr(render, "builtin_template_dir", lambda: tmp_path)
    monkeypatch.setenv("REPLYGEN_CACHE_DIR", "off")
    render._environment.cache_clear()
    try:
        with pytest.raises(replygen.TemplateError) as caught:
            replygen.render_text(replygen.load(EXAMPLES / "new-draft.yaml"))
    finally:
        render._environment.cache_clear()
    assert (caught.value.template, caught.value.line) == ("_parts.j2", 3)
    assert "编号 10000 超出范围" in str(caught.value) and "由 reply.j2 第 1 行调用" in str(caught.value)


# --- 5. characters a document cannot hold ------------------------------------------------------


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\udc00"])
def test_a_lone_surrogate_in_a_template_is_named(escape: str, draft: replygen.Reply, tmp_path: Path) -> None:
    error = failure(draft, office(tmp_path, '<p>甲</p>\n<p>{{ "' + escape + '" }}</p>'))
    code = escape[2:].upper()
    assert f"单独的代理码位 U+{code}" in str(error)
    assert (error.template, error.line) == ("reply.j2", 2)


def test_a_pair_of_surrogates_is_still_refused(draft: replygen.Reply, tmp_path: Path) -> None:
    # Python keeps "\ud83d" "\ude00" as two lone halves, not one 😀: the .docx could not hold them.
    assert "U+D83D" in str(failure(draft, office(tmp_path, '<p>{{ "\\ud83d" ~ "\\ude00" }}</p>')))


def test_a_full_character_written_as_an_escape_is_fine(draft: replygen.Reply, tmp_path: Path) -> None:
    assert replygen.render_text(draft, template_dir=office(tmp_path, '<p>{{ "\\U0001F600" }}</p>')).strip() == "😀"


def test_a_mark_of_the_stream_printed_by_an_expression_is_refused(draft: replygen.Reply, tmp_path: Path) -> None:
    # Only tags written in a template's text may make marks; a string cannot forge one.
    assert "控制字符 U+0001" in str(failure(draft, office(tmp_path, '<p>{{ "\\x01" }}</p>')))


def test_a_surrogate_that_bypassed_validation_is_caught_after_the_render(draft: replygen.Reply, tmp_path: Path) -> None:
    smuggled = draft.model_copy(update={"issuer": "吉林\ud800省"})  # model_copy does not validate
    error = failure(smuggled, override_nothing(tmp_path))
    assert "U+D800" in str(error)


def test_the_cli_reports_a_surrogate_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from replygen import cli

    folder = office(tmp_path, '<p>{{ "\\ud800" }}</p>')
    target = tmp_path / "out.docx"
    code = cli.main(["render", str(EXAMPLES / "new-draft.yaml"), "--template-dir", str(folder), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 1 and "U+D800" in err and "reply.j2:1" in err and "Traceback" not in err
    assert not target.exists()
