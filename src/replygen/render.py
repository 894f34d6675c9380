"""Render stage: a validated document → Jinja templates → a stream of :class:`Block`.

The built-in templates live in the package (``templates/`` in the repository). A user may
point at a directory of their own: its files are looked up first, and it can extend the
built-in ones under the ``builtin/`` prefix, overriding named blocks (title, opening,
closing, signature …). User templates run in the sandbox of :mod:`.sandbox`, on plain data
and within a time and text budget.
"""

from __future__ import annotations

import builtins
import datetime as _dt
import os
import re
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, Union

import jinja2
import jinja2.ext
import jinja2.lexer
import jinja2.nodes

from ._jinja import DirectCalls, template_frames
from .blocks import Block, TagError, block_texts, compile_tags, letter_start, parse_blocks, stream_to_markup
from .errors import TemplateError, os_reason
from .model import Opinion, Reply
from .placeholders import PLACEHOLDER, has_placeholders
from . import genre
from .formulas import effective_style, formulas, plain_style

__all__ = [
    "builtin_template_dir", "cn_number", "render_block_texts", "render_blocks", "render_markup", "render_stream",
    "render_template", "warm_up",
]  # fmt: skip

AnyDocument = Union[Reply, Opinion]

_TEMPLATE_FOR_KIND = {"reply": "reply.j2", "opinion": "opinion.j2"}

_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (numbering up to 9999)."""
    if not 0 < n < 10000:
        raise ValueError(f"编号 {n} 超出范围")
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += _CN_DIGITS[digit] + unit
            zero = False
        else:
            zero = bool(out)
    return out


# GB/T 9704 §7.3.5.4: Arabic numerals, no leading zeros — 2023年5月17日 (the |cn_date filter).
cn_date = genre.cn_date


def padded_date(value: _dt.date) -> str:
    """The 信息公开 header's own style: 2023年05月04日."""
    return f"{value.year}年{value.month:02d}月{value.day:02d}日"


def builtin_template_dir() -> Path:
    """The shipped templates: inside the installed package, or the repository's ``templates/``."""
    packaged = Path(__file__).with_name("templates")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


class _BlockTags(jinja2.ext.Extension):
    """Reads the block tags in a template's text once, at compile time (see :mod:`.blocks`)."""

    def filter_stream(self, stream: jinja2.lexer.TokenStream) -> Iterator[jinja2.lexer.Token]:
        data = None  # held back one token: only text followed by code can hold half a tag
        for token in stream:
            if data is not None:
                yield _compiled_tags(data, stream, before_code=True)
                data = None
            if token.type == "data" and "<" in token.value:
                data = token
            else:
                yield token
        if data is not None:
            yield _compiled_tags(data, stream, before_code=False)


# A function, not a method of the extension: a private name there could one day be Jinja's.
def _compiled_tags(token: jinja2.lexer.Token, stream: jinja2.lexer.TokenStream, *, before_code: bool) -> jinja2.lexer.Token:
    try:
        return jinja2.lexer.Token(token.lineno, "data", compile_tags(token.value, before_code=before_code))
    except TagError as exc:
        line = token.lineno + token.value.count("\n", 0, exc.offset)
        raise jinja2.TemplateSyntaxError(str(exc), line, stream.name, stream.filename) from None


def numbered(items: Iterable[Any], first: int = 1) -> Iterator[tuple[int, Any]]:
    """``{% for n, item in items|numbered %}``: each item with its number, from ``first``.

    Cheaper than Jinja's ``loop.index``, which builds a loop object advanced in Python.
    """
    return enumerate(items, first)


def fill(pattern: str, *values: object) -> str:
    """``"关于“%s”的建议"|fill(topic)``: each ``%s`` in turn replaced by a value.

    Unlike ``%`` and ``|format`` it reads no width or precision, so the text it makes is never
    longer than the pattern and the values together (office templates get no other formatting).
    """
    pieces = str(pattern).split("%s")
    if len(pieces) != len(values) + 1:
        raise ValueError(f"“{pattern}”中有 {len(pieces) - 1} 处 %s，却给了 {len(values)} 个值")
    out = pieces[0]
    for value, piece in zip(values, pieces[1:]):
        out += str(value) + piece
    return out


def item_starts(parts: Iterable[Any]) -> list[list[int]]:
    """An 实施意见 numbers its items on across parts and sub-parts: where each list starts.

    ``starts[i][0]`` is the first number of part i's own items, ``starts[i][j]`` that of its
    sub-part j (counted from 1), so the template needs no counter carried through its loops.
    """
    starts = []
    number = 1
    for part in parts:
        row = [number]
        number += len(part.items)
        for sub in part.subparts:
            row.append(number)
            number += len(sub.items)
        starts.append(row)
    return starts


def _configure(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(
        cn_number=cn_number, cn_date=cn_date, padded_date=padded_date, numbered=numbered, fill=fill, item_starts=item_starts
    )
    # The genre's wording that _blocks.j2, imported without context, needs.
    env.globals["shared_duty"] = genre.SHARED_DUTY
    return env


class _Builtin(jinja2.Environment):
    """The environment of the shipped templates, which only ever read model fields.

    Here ``a.b`` is Python's attribute access (Jinja reads every ``a.b`` and filter argument
    through ``getattr``, which this environment makes Python's own): a missing attribute
    raises AttributeError, which :func:`_run_template` reports as a TemplateError, so a
    template mistake still fails loudly rather than printing a blank. Templates from a
    user's directory keep Jinja's behaviour, in the sandbox.
    """

    context_class = DirectCalls
    template_roots: tuple[tuple[str, str], ...] = ()  # (directory, prefix) to name a file in errors
    # Replaces Jinja's Environment.getattr on purpose (see above); its signature differs.
    getattr = staticmethod(builtins.getattr)  # type: ignore[assignment]

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as a plain dict rather than Jinja's ChainMap.

        Every render and every import looks names up in, and compares the keys of, these
        globals; on a ChainMap each of those steps runs in Python, about a tenth of a text
        render (5 to 10 % of the text render figure, interleaved A/B on the examples). The
        environment's globals are all set before the first template loads.
        """
        return {**self.globals, **(d or {})}


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled built-in templates kept between runs; a cache that cannot be used is skipped.

    Compiling the templates is most of a cold render's template time. Jinja keys each entry
    on the template's source checksum, so an edited template is simply compiled again.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only home or a full disk costs speed, never a render


def _compiler_stamp() -> str:
    """Changes with replygen's version and with the code that turns tags into marks.

    Jinja keys a compiled template on its source alone, but what _BlockTags makes of the
    tags is compiled in too: templates compiled by other code must not be reused.
    """
    from . import blocks
    from .cache import cache_key

    # sandbox.py compiles an office's templates with loop guards of its own, and _jinja.py
    # holds the code generators of both kinds of template.
    here = Path(__file__)
    return cache_key([blocks.__file__, __file__, here.with_name("sandbox.py"), here.with_name("_jinja.py")], length=12)


_COMPILED_FOLDER = re.compile(r"jinja-[\w.+]+-[0-9a-f]{12}")


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    from .cache import cache_dir

    # One folder per Jinja version and compiler stamp: those of earlier versions are pruned.
    directory = cache_dir(f"jinja-{jinja2.__version__}-{_compiler_stamp()}", replaces=_COMPILED_FOLDER, keep=4)
    return None if directory is None else _QuietBytecodeCache(str(directory))


@lru_cache(maxsize=16)
def _environment(template_dir: str | None) -> jinja2.Environment:
    """One environment per template directory, so compiled templates are cached."""
    builtin_dir = str(builtin_template_dir())
    builtin = jinja2.FileSystemLoader(builtin_dir, encoding="utf-8")
    options: dict[str, Any] = dict(
        undefined=jinja2.StrictUndefined,
        # Nothing to escape: document text cannot hold the stream's marks (see .blocks).
        autoescape=False,
        extensions=[_BlockTags],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    if template_dir is None:
        shipped = _Builtin(loader=builtin, bytecode_cache=_bytecode_cache(), **options)
        shipped.template_roots = ((builtin_dir, ""),)
        return _configure(shipped)
    # Imported here, so that a render with the built-in templates alone never loads the sandbox.
    from .sandbox import OfficeLoader, OfficeSandbox, charged

    loader = jinja2.ChoiceLoader(
        [
            jinja2.PrefixLoader({"builtin": builtin}),
            OfficeLoader(template_dir),
            builtin,
        ]
    )
    # Templates from another office are code we did not write: sandbox them.
    office = OfficeSandbox(loader=loader, **options)
    # Errors name a template file relative to its directory, a built-in one as the office's
    # templates name it.
    office.template_roots = ((os.path.realpath(template_dir), ""), (builtin_dir, "builtin/"))
    _configure(office)
    office.filters["fill"] = charged(fill)  # the only one of them whose text grows with its input
    return office


def _run_template(doc: AnyDocument, template_dir: str | os.PathLike[str] | None, draft: bool) -> str:
    """The kind's template run on ``doc``: the block stream as a string."""

    def context(office: bool) -> dict[str, Any]:
        style = plain_style(effective_style(doc))
        if not office or template_dir is None:  # an office's templates come with its directory
            return dict(doc=doc, draft=draft, style=style, formulas=formulas(doc), own_formulas=False)
        from .sandbox import plain_record, plain_view

        # An office's template sees plain data only.
        return {
            "doc": plain_view(doc),
            "draft": draft,
            "style": plain_record(style, "style"),
            "formulas": plain_record(formulas(doc), "formulas"),
            "own_formulas": _has_own_formulas(str(Path(template_dir).resolve())),
        }

    return _execute(_TEMPLATE_FOR_KIND[doc.kind], template_dir, context)


def render_template(name: str, records: dict[str, Any], template_dir: str | os.PathLike[str] | None = None) -> list[Block]:
    """The blocks of template ``name`` (not a letter: the 征询意见表's) run on ``records``.

    Each record is an object of plain attributes; an office's copy of the template, looked up
    in ``template_dir`` first as a letter's is, runs in the sandbox and sees them as such.
    """

    def context(office: bool) -> dict[str, Any]:
        if not office:
            return records
        from .sandbox import plain_record

        return {key: plain_record(value, key) for key, value in records.items()}

    stream = _execute(name, template_dir, context)
    try:
        return parse_blocks(stream)
    except ValueError as exc:
        raise TemplateError(str(exc), name) from None


def _execute(name: str, template_dir: str | os.PathLike[str] | None, context: Callable[[bool], dict[str, Any]]) -> str:
    """Template ``name`` run on ``context(office)``: the block stream as a string.

    An office's template runs in the sandbox, on a budget of time and text; any failure is
    a :class:`TemplateError` naming the template file and line.
    """
    directory = None if template_dir is None else str(Path(template_dir).resolve())
    if directory is not None and not os.path.isdir(directory):
        there = os.path.lexists(directory)
        raise TemplateError(f"--template-dir 应是模板所在的目录，而“{template_dir}”是文件" if there else f"模板目录不存在：{template_dir}")
    env = _environment(directory)
    try:
        if directory is None:
            stream = env.get_template(name).render(context(False))
        else:
            from .sandbox import render_budget

            with render_budget():
                stream = env.get_template(name).render(context(True))
    except jinja2.TemplateSyntaxError as exc:
        where = _display_name(env, exc.filename) if exc.filename else exc.name
        raise TemplateError(f"模板语法错误：{_chinese(exc.message or '')}", where or name, exc.lineno) from None
    except Exception as exc:
        message = _failure(exc, env)
        if message is None:
            raise
        where, line, caller = _location(exc, env)
        raise TemplateError(message + caller, where or name, line) from None
    if directory is not None:
        from .sandbox import UNPRINTABLE, unprintable_message

        # A template's own text is checked for these when it is compiled, with its line; this
        # catches any way round that check.
        unprintable = UNPRINTABLE.search(stream)
        if unprintable:
            raise TemplateError("模板输出了" + unprintable_message(unprintable.group()), name)
    return stream


def _failure(exc: Exception, env: jinja2.Environment) -> str | None:
    """What went wrong in a template's run, in Chinese; None for what is not a template's fault."""
    from .sandbox import LimitExceeded

    if isinstance(exc, LimitExceeded):
        return str(exc)
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"找不到模板 {exc.name}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"模板使用了未定义的值：{_chinese(exc.message or '')}"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"模板试图做不允许的操作：{exc}"
    if isinstance(exc, jinja2.TemplateError):
        return f"模板出错：{_chinese(str(exc))}"
    if isinstance(exc, AttributeError) and isinstance(env, _Builtin) and exc.name:
        return f"模板使用了未定义的值：没有字段“{exc.name}”"  # a shipped template reading a missing field
    if isinstance(exc, UnicodeDecodeError):
        return "模板文件不是 UTF-8 编码，请在编辑器中另存为 UTF-8"
    if isinstance(exc, OSError):
        return f"无法读取模板：{os_reason(exc)}"
    if isinstance(exc, MemoryError):
        return "模板运行时内存不足"
    if isinstance(exc, ZeroDivisionError):
        return "模板运行出错：除数为零"
    if isinstance(exc, RecursionError):
        return "模板运行出错：递归过深，请检查宏或 include 是否在调用自身"
    if isinstance(exc, (ArithmeticError, AttributeError, LookupError, TypeError, ValueError)):
        # A filter given a bad value (cn_number past 9999, a wrong type in a user template)
        # is the template's or the draft's problem, not a crash. replygen's own filters say
        # why in Chinese; Python's words ('can only concatenate str …') are not for a clerk.
        if _CJK.search(str(exc)):
            return f"模板运行出错：{exc}"
        if isinstance(exc, (TypeError, AttributeError)):
            return "模板运行出错：这一行的运算用错了值的种类（如文字加数字、对数字循环、把文字当日期），请检查这一行"
        return "模板运行出错：这一行算出的值不合要求，请检查这一行的运算"
    return None


_CJK = re.compile("[\u4e00-\u9fff]")


def _location(exc: BaseException, env: jinja2.Environment) -> tuple[str | None, int | None, str]:
    """The template file and line a run-time error happened at, and the one that called it.

    """
    frames = template_frames(exc)
    if not frames:
        return None, None, ""
    filename, line, function = frames[-1]
    caller = ""
    if not function.startswith("block "):  # a macro or an included file: say who called it
        for outer, outer_line, _ in reversed(frames[:-1]):
            if outer != filename:
                caller = f"（由 {_display_name(env, outer)} 第 {outer_line} 行调用）"
                break
    return _display_name(env, filename), line, caller


def _display_name(env: jinja2.Environment, filename: str) -> str:
    """A template file named relative to its directory: reply.j2, builtin/_letter.j2."""
    from .sandbox import inside

    roots: tuple[tuple[str, str], ...] = getattr(env, "template_roots", ())
    for root, prefix in roots:
        if inside(os.path.abspath(filename), root):
            return prefix + os.path.relpath(filename, root).replace(os.sep, "/")
    return os.path.basename(filename)


# Jinja's messages for the mistakes a template author makes most, the syntax errors included.
_JINJA_MESSAGES = (
    (re.compile(r"^'([^']*)' is undefined$"), "“{0}”没有定义"),
    (re.compile(r"^No filter named '([^']*)'\.?$"), "没有过滤器“{0}”（模板目录中的模板可用的过滤器见 README“Templates”一节）"),
    (re.compile(r"^No test named '([^']*)'\.?$"), "没有检验“{0}”"),
    (re.compile(r"^'(.*)' has no attribute '([^']*)'$"), "{0} 没有属性“{1}”"),
    (re.compile(r"^expected name or number$"), "“.”后面应写字段名或数字"),
    (re.compile(r"^unexpected end of template, expected (.*?)\.?$"), "模板在此结束，但还缺少 {0}"),
    (
        re.compile(r"^Unexpected end of template\. Jinja was looking for the following tags: (.*)\. The innermost block that needs to be closed is '(\w+)'\.$"),
        "模板在此结束，但“{{% {1} %}}”还没有结束，缺少 {0}",
    ),
    (
        re.compile(r"^Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: (.*)\. The innermost block that needs to be closed is '(\w+)'\.$"),
        "这里不能用“{{% {0} %}}”：“{{% {2} %}}”中此处只能是 {1}",
    ),
    (
        re.compile(r"^Encountered unknown tag '(\w+)'\. You probably made a nesting mistake\. Jinja is expecting this tag, but currently looking for (.*)\. The innermost block that needs to be closed is '(\w+)'\.$"),
        "“{{% {0} %}}”来得太早：“{{% {2} %}}”还没有结束，此处应是 {1}",
    ),
    (re.compile(r"^Encountered unknown tag '(\w+)'\.?$"), "不认识的标签“{{% {0} %}}”（或它前面缺少与之配对的开头标签）"),
    (re.compile(r"^expected token (.*), got (.*)$"), "此处应写 {0}，却写了 {1}"),
    (re.compile(r"^Expected an expression, got (.*)$"), "此处应写一个值，却写了 {0}"),
    (re.compile(r"^unexpected char (.*) at \d+$"), "无法识别的字符 {0}（引号是否成对？）"),
    (re.compile(r"^unexpected (.*), expected (.*)$"), "此处应先写 {1}，却写了 {0}"),
    (re.compile(r"^unexpected (.*)$"), "此处不应出现 {0}"),
)

# Jinja's names for tokens, as a template author writes them.
_TOKENS = {"end of print statement": "“}}”", "end of statement block": "“%}”", "name": "名字", "end of template": "模板的结尾"}
_TOKEN = re.compile(r"'([^']*)'|\"([^\"]*)\"")


def _tokens(text: str) -> str:
    """Jinja's quoted tokens and tag lists ('elif' or 'else' or 'endif') as an author writes them."""

    def one(match: re.Match[str]) -> str:
        token = match.group(1) if match.group(1) is not None else match.group(2)
        if token in _TOKENS:
            return _TOKENS[token]
        return f"“{{% {token} %}}”" if re.fullmatch(r"end\w+|elif|else", token) else f"“{token}”"

    return _TOKEN.sub(one, text).replace(" or ", " 或 ")


def _chinese(message: str) -> str:
    for pattern, chinese in _JINJA_MESSAGES:
        match = pattern.match(message)
        if match:
            return chinese.format(*(_tokens(group) for group in match.groups()))
    return message


@lru_cache(maxsize=16)
def _has_own_formulas(directory: str) -> bool:
    """Whether an office's template directory rewords the formulas in a _formulas.j2 of its own."""
    return os.path.isfile(Path(directory) / "_formulas.j2")


def render_stream(
    doc: AnyDocument, template_dir: str | os.PathLike[str] | None = None, *, draft: bool | None = None
) -> str:
    """Render ``doc`` to the block stream that :func:`parse_blocks` reads.

    ``draft`` tells the templates to mark the document as a draft (征求意见稿); ``None``
    marks it when the letter prints a field that still holds a placeholder.
    """
    stream = _run_template(doc, template_dir, bool(draft))
    # Searching the stream is cheap, and almost always finds nothing. The header does not count;
    # the fields are searched only when the letter shows the mark, so that two fields printed
    # side by side cannot make one up between them.
    if draft is None and PLACEHOLDER in stream:
        if stream.find(PLACEHOLDER, letter_start(stream)) >= 0 and has_placeholders(doc):
            stream = _run_template(doc, template_dir, True)
    return stream


def render_markup(
    doc: AnyDocument, template_dir: str | os.PathLike[str] | None = None, *, draft: bool | None = None
) -> str:
    """The rendered block stream written as tags, for reading while debugging a template."""
    return stream_to_markup(render_stream(doc, template_dir, draft=draft))


def render_blocks(
    doc: AnyDocument, template_dir: str | os.PathLike[str] | None = None, *, draft: bool | None = None
) -> list[Block]:
    """Render ``doc`` through its kind's template into the block stream writers consume."""
    return _read(doc, render_stream(doc, template_dir, draft=draft), parse_blocks)


def render_block_texts(
    doc: AnyDocument, template_dir: str | os.PathLike[str] | None = None, *, draft: bool | None = None
) -> list[tuple[str, str]]:
    """Each block's role and text, without its runs: what the text writer lays out."""
    return _read(doc, render_stream(doc, template_dir, draft=draft), block_texts)


_Read = TypeVar("_Read")


def _read(doc: AnyDocument, stream: str, reader: Callable[[str], _Read]) -> _Read:
    """``reader`` applied to the stream; a malformed stream is its template's mistake."""
    try:
        return reader(stream)
    except ValueError as exc:
        raise TemplateError(str(exc), _TEMPLATE_FOR_KIND[doc.kind]) from None


def warm_up() -> None:
    """Build the built-in templates' environment now: a batch worker pays for it once, at start."""
    _environment(None)
