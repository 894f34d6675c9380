"""Command line: a thin layer over the library. Messages are Chinese, option names English.

Only argparse is imported at start-up; each command imports what it needs when it runs, so
``replygen --help`` answers at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from .feedback import FeedbackForm
    from .output import Inputs
    from .scaffold import DraftFacts

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """A mistake in how the command was called (exit code 2)."""


def _say(message: str) -> None:
    print(message, file=sys.stderr)


# --- render -------------------------------------------------------------------------------


def _formats(spec: str | None) -> list[Any]:
    from .formats import default_format, resolve_formats

    try:
        return resolve_formats(spec or default_format())
    except ValueError as exc:
        raise _UsageError(str(exc)) from None


def _format_from_suffix(output: Path | None) -> str | None:
    """`-o reply.txt` without --format means text: the name says what the clerk wants."""
    from .formats import available_formats

    if output is None:
        return None
    # The longest suffix first: `-o 316.body.txt` is the 办理系统 body, not the letter's text.
    for fmt in sorted(available_formats().values(), key=lambda f: -len(f.suffix)):
        if output.name.lower().endswith(fmt.suffix):
            return fmt.name
    return None


def _print_text(text: str) -> None:
    """Print to the terminal only what its encoding can show: no mojibake, no traceback."""
    from replygen.errors import OutputError

    encoding = sys.stdout.encoding or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise OutputError(
            f"终端的编码 {encoding} 无法显示文中的字符“{char}”（U+{ord(char):04X}），请用 -o 写入文件"
        ) from None
    sys.stdout.write(text)
    sys.stdout.flush()


def _names_a_folder(option: str) -> bool:
    """`-o out/` means a folder, whether or not it exists yet."""
    return option.endswith(tuple(s for s in (os.sep, os.altsep) if s)) or os.path.isdir(option)


def _folder_option(option: str) -> Path:
    """The folder an `-o` names; a usage error when a file stands where it must be."""
    from .output import file_in_the_way

    folder = Path(option)
    blocker = file_in_the_way(folder)
    if blocker is not None:
        where = "" if blocker == folder else f"其上级“{blocker}”"
        raise _UsageError(f"-o 应是一个目录，而“{folder}”{where}是文件")
    return folder


_TO_SCREEN = frozenset({"text", "body"})  # plain text without -o is printed, as a clerk copies it


def _pattern(args: argparse.Namespace) -> str:
    from .naming import check_pattern

    try:
        check_pattern(args.pattern)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    pattern: str = args.pattern
    return pattern


def _cmd_render(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .errors import ReplygenError
    from .pipeline import RenderOptions, protected_inputs, render_draft

    folder = bool(args.output) and _names_a_folder(args.output)
    output = _folder_option(args.output) if folder else Path(args.output) if args.output else None
    formats = _formats(args.format or (None if folder else _format_from_suffix(output)))
    if output and not folder and len(args.files) * len(formats) > 1:
        raise _UsageError("输出多个文件时，-o 必须是一个目录（已有的目录，或以 / 结尾的新目录）")
    names = tuple(fmt.name for fmt in formats)
    # A draft named twice (under any spelling of its path) is written once, printed each time.
    firsts: dict[str, str] = {}
    for name in args.files:
        firsts.setdefault(os.path.realpath(name), name)
    files = list(firsts.values())
    options = RenderOptions(
        formats=names,
        folder=str(output) if folder else None,
        file=str(output) if output is not None and not folder else None,
        pattern=_pattern(args),
        to_screen=tuple(name for name in names if name in _TO_SCREEN) if output is None else (),
        force=True,  # naming a draft to render means the clerk wants it again
        template_dir=args.template_dir,
        final=args.final,
        publication=args.publication,
        indent=args.indent,
        protected=protected_inputs(files, names, args.template_dir),
    )
    _clean_stale_parts(_claim_targets(files, options))
    failed = 0
    seen: set[str] = set()
    for name in args.files:
        again = os.path.realpath(name) in seen
        seen.add(os.path.realpath(name))
        asked = replace(options, formats=options.to_screen) if again else options
        if not asked.formats:
            continue
        outcome = render_draft(name, asked)
        for line in outcome.notes:
            _say(line)
        for text in outcome.printed:
            try:
                _print_text(text)
            except ReplygenError as exc:
                outcome = replace(outcome, errors=(*outcome.errors, str(exc)))
        for target in outcome.outputs:
            _say(f"已生成 {target}")
        for line in outcome.warnings:
            _say(f"注意：{line}")
        for line in outcome.errors:
            _say(line)
        failed += not outcome.ok
    return EXIT_FAILED if failed else EXIT_OK


def _claim_targets(files: list[str], options: Any) -> set[Path]:
    """The folders the drafts will write to; two drafts claiming one output stop the command
    before anything is written (exit 2), with the message batch gives."""
    from .errors import ReplygenError
    from .loader import load
    from .pipeline import Claims, names_need_the_draft, output_targets

    claims = Claims()
    folders: set[Path] = set()
    for name in files:
        try:
            # A pattern with the draft's fields needs it read; one that fails is reported when rendered.
            doc = load(name) if names_need_the_draft(options) else None
            targets = output_targets(name, doc, options)
        except ReplygenError:
            continue
        for target in (t for t in targets.values() if t is not None):
            refusal = claims.claim(name, target)
            if refusal is not None:
                raise _UsageError(f"{refusal}\n因此什么也没有写")
            folders.add(target.parent)
    return {folder for folder in folders if os.path.isdir(folder)}


def _command_inputs(files: list[str], template_dir: str | None) -> Inputs:
    """Everything a command reads: its drafts and the files of --template-dir."""
    from .output import Inputs
    from .pipeline import template_files

    return Inputs([*files, *template_files(template_dir)])


def _clean_stale_parts(directories: set[Path]) -> None:
    from .output import remove_stale_parts

    removed = sum(remove_stale_parts(d) for d in directories)
    if removed:
        _say(f"已清理 {removed} 个此前中断时留下的临时文件（.part）")


# --- batch --------------------------------------------------------------------------------


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import BatchOptions, default_progress, find_drafts, run_batch

    pattern = _pattern(args)
    if args.jobs < 1:
        raise _UsageError("--jobs 至少为 1")
    formats = _formats(args.format)
    sources = find_drafts(args.input)
    if not sources:
        raise _UsageError(f"在“{args.input}”中没有找到 .yaml 或 .yml 草稿")
    out_dir = _folder_option(args.output)
    options = BatchOptions(
        out_dir=str(out_dir),
        formats=tuple(f.name for f in formats),
        pattern=pattern,
        force=args.force,
        template_dir=args.template_dir,
        final=args.final,
        publication=args.publication,
        indent=args.indent,
    )
    summary = run_batch(sources, options, jobs=args.jobs, progress=default_progress(len(sources)))
    print(summary.report())
    return summary.exit_code


# --- feedback -----------------------------------------------------------------------------


def _cmd_feedback(args: argparse.Namespace) -> int:
    from .docx import form_docx
    from .errors import ReplygenError
    from .feedback import feedback_forms, form_name, mailing_list
    from .loader import load
    from .naming import DEFAULT_PATTERN, name_fields, output_name
    from .output import atomic_write_many, make_output_dir, same_name_key

    out_dir = _folder_option(args.output)
    # Every draft is read first: a mistake in one writes nothing, so no proposal's forms
    # are missing from a list that looks complete.
    entries: list[tuple[Any, str, list[FeedbackForm]]] = []
    files: list[tuple[Path, bytes]] = []
    owners: dict[str, str] = {}
    failed = False
    for name in dict.fromkeys(args.files):
        try:
            doc = load(name)
            forms = feedback_forms(doc, name, args.template_dir)
        except ReplygenError as exc:
            failed = True
            _say(str(exc))
            continue
        entries.append((doc, output_name(DEFAULT_PATTERN, name_fields(doc, name)) + ".docx", forms))
        for form in forms:
            target = out_dir / form_name(form)
            owner = owners.setdefault(same_name_key(target.name), name)
            if owner != name:
                raise _UsageError(f"{owner} 和 {name} 都会写成 {target}（提案号和提案人相同），因此什么也没有写；请核对提案号")
            files.append((target, form_docx(form)))
    if failed:
        _say("以上草稿有误，未生成任何征询意见表；改正后再试")
        return EXIT_FAILED
    list_name, list_bytes = mailing_list(entries, args.list_format)
    files.append((out_dir / list_name, list_bytes))
    make_output_dir(out_dir)
    errors = atomic_write_many(files, inputs=_command_inputs(args.files, args.template_dir))
    for (target, _), error in zip(files, errors):
        _say(str(error) if error else f"已生成 {target}")
    return EXIT_FAILED if any(errors) else EXIT_OK


def _add_feedback(commands: Any) -> None:
    p = commands.add_parser(
        "feedback",
        help="生成征询意见表和寄送清单",
        description="为每位提案人（联名提案的每一位）生成一份征询意见表（.docx，一页 A4），预填提案号、案由、提案人及单位、"
        "主办和会办单位、办理结果类别，供勾选满意、基本满意或不满意并填写意见；同时写出寄送清单（寄送清单.csv，或 --list-format xlsx 时寄送清单.xlsx）。"
        "任一草稿有误时什么也不写。",
    )
    p.add_argument("files", nargs="+", metavar="DRAFT", help="答复草稿（YAML）")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="输出目录，不存在时自动创建")
    p.add_argument("--template-dir", metavar="DIR", help="自定义模板目录：其中的 feedback.j2 改写征询意见表的措辞和栏目")
    p.add_argument(
        "--list-format", choices=["csv", "xlsx"], default="csv", help="寄送清单的格式：csv（默认，寄送清单.csv）或 xlsx（寄送清单.xlsx）"
    )
    p.set_defaults(handler=_cmd_feedback)


# --- new ----------------------------------------------------------------------------------

def _proposer_type(value: str) -> str:
    """The genre's aliases (委员, 代表, 单位, 集体 …), loaded only when --type is given."""
    from .genre import PROPOSER_LABELS, proposer_type

    kind = str(proposer_type(value))
    if kind not in PROPOSER_LABELS:
        raise argparse.ArgumentTypeError(f"提案人类型“{value}”无法识别，可写 {'、'.join(PROPOSER_LABELS)} 或中文")
    return kind


def _ask(question: str) -> str:
    """Questions go to stderr, so `replygen new > draft.yaml` gets only the YAML."""
    sys.stderr.write(question)
    sys.stderr.flush()
    return input()


def _cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import DraftFacts, ask_facts, scaffold

    facts = DraftFacts(
        issuer=args.issuer or "",
        meeting=args.meeting or "",
        number=args.number or "",
        proposer=args.proposer or "",
        proposer_type=args.type or "",
        title=args.title or "",
        suggestions=list(args.suggestion or []),
    )
    if args.from_proposal:
        _facts_from_proposal(facts, args.from_proposal)
    if not args.no_input and sys.stdin.isatty():
        try:
            facts = ask_facts(facts, _ask)
        except EOFError:
            pass  # Ctrl-D: keep what was answered, placeholders for the rest
    _write_or_print(scaffold(facts), args, "填写其中的“【待填写】”后用 replygen render 生成答复")
    return EXIT_OK


def _write_or_print(text: str, args: argparse.Namespace, hint: str) -> None:
    """A new file at ``-o`` (never over an existing one without --force, nor over the proposal
    it was read from), else the screen."""
    from .output import Inputs, atomic_write

    if args.output is None:
        sys.stdout.write(text)
        return
    source = getattr(args, "from_proposal", None)
    atomic_write(args.output, text.encode("utf-8"), overwrite=args.force, inputs=Inputs([source] if source else []))
    _say(f"已生成 {args.output}；{hint}")


def _facts_from_proposal(facts: DraftFacts, path: str) -> None:
    """What the proposal's own text says fills whatever the options left empty."""
    from .proposal_text import read_proposal

    text = read_proposal(path)
    facts.title = facts.title or text.title
    facts.number = facts.number or text.number
    if not facts.proposer and text.proposers:
        facts.proposer, facts.co_proposers = text.proposers[0], text.proposers[1:]
    facts.points = [topic for topic, _ in text.suggestions]
    if not facts.suggestions and text.suggestions:
        facts.suggestions = [topic for topic, _ in text.suggestions]
        facts.restatements = [restatement for _, restatement in text.suggestions]


# --- intake -------------------------------------------------------------------------------


def _cmd_intake(args: argparse.Namespace) -> int:
    from .intake import IntakeOptions, run_intake, template_bytes, terminal_progress
    from .output import atomic_write

    if args.template:
        if not args.output:
            raise _UsageError("--template 需要用 -o 指定模板文件名，如 -o 交办清单模板.xlsx")
        atomic_write(args.output, template_bytes(), overwrite=args.force)
        _say(f"已生成 {args.output}")
        return EXIT_OK
    if not args.list or not args.output:
        raise _UsageError("需要交办清单文件和 -o 草稿目录，如 replygen intake 清单.xlsx -o drafts/")
    if args.proposals and not os.path.isdir(args.proposals):
        raise _UsageError(f"--proposals 应是一个目录：“{args.proposals}”")
    options = IntakeOptions(
        out_dir=args.output, unit=args.unit or "", meeting=args.meeting or "", force=args.force, proposals_dir=args.proposals
    )
    result = run_intake(args.list, options, terminal_progress())
    for problem in result.problems:
        _say(str(problem))
    summary = f"已生成 {len(result.written)} 份草稿"
    if result.problems:
        rows = len({p.line for p in result.problems})
        summary += f"，{rows} 行有问题未生成（见上）"
    _say(summary)
    return result.exit_code


def _add_intake(commands: Any) -> None:
    p = commands.add_parser(
        "intake",
        help="从交办清单生成草稿",
        description="读取交办清单（.xlsx 或 .csv），每件提案生成一份 YAML 草稿，写入清单中的提案号、案由、提案人、"
        "主办/会办、交办日期和办理时限；有问题的行列出行号和列名，不生成草稿，其他行照常生成。",
    )
    p.add_argument("list", nargs="?", metavar="LIST", help="交办清单：.xlsx 或 .csv（UTF-8 或 GBK）")
    p.add_argument("-o", "--output", metavar="DIR", help="草稿目录，不存在时自动创建；与 --template 同用时为模板文件名")
    p.add_argument("--unit", metavar="单位名称", help="本单位全称：据此判断主办或会办，并作为发文机关")
    p.add_argument("--meeting", help="会议，清单中没有“会议”列时使用，如 省政协十三届一次会议")
    p.add_argument("--proposals", metavar="DIR", help="提案原文目录：按提案号找到 .docx/.txt（如 219.docx），据此填写各条建议")
    p.add_argument("--force", action="store_true", help="覆盖已存在的草稿")
    p.add_argument("--template", action="store_true", help="生成一份空白交办清单模板（.xlsx，含说明和下拉列表）")
    p.set_defaults(handler=_cmd_intake)


# --- status -------------------------------------------------------------------------------


def _date_option(value: str) -> object:
    import datetime as dt

    from .model import _parse_date

    try:
        day = _parse_date(value)
    except ValueError:
        day = None
    if not isinstance(day, dt.date):
        raise argparse.ArgumentTypeError(f"日期“{value}”无法识别，请写成 2023-03-01 或 2023年3月1日")
    return day


def _cmd_status(args: argparse.Namespace) -> int:
    import datetime as dt

    from .batch import find_drafts
    from .deadlines import load_rules
    from .output import Inputs, atomic_write
    from .status import format_from_suffix, ledger, ledger_bytes

    fmt = args.format or format_from_suffix(args.output) or "table"
    if fmt == "xlsx" and not args.output:
        raise _UsageError("xlsx 格式需要用 -o 指定文件名，如 -o 台账.xlsx")
    drafts = find_drafts(args.input)
    if not drafts:
        raise _UsageError(f"在“{args.input}”中没有找到 .yaml 或 .yml 草稿")
    rules = load_rules(args.rules)
    rows = ledger(drafts, args.today or dt.date.today(), rules, Path(args.docx_dir) if args.docx_dir else None)
    if args.overdue:
        rows = [row for row in rows if row.overdue]
    data = ledger_bytes(rows, fmt)
    if args.output:
        # The ledger replaces an old ledger, never a draft or the rules it was made from.
        atomic_write(args.output, data, inputs=Inputs([*drafts, *([args.rules] if args.rules else [])]))
        _say(f"已生成 {args.output}")
    else:
        _print_text(data.decode("utf-8-sig"))
    return EXIT_FAILED if any(row.error for row in rows) else EXIT_OK


def _add_status(commands: Any) -> None:
    p = commands.add_parser(
        "status",
        help="列出办理台账",
        description="列出一个目录中草稿的办理台账：提案号、提案人、案由、角色、交办日期、办结时限、剩余或超期天数、"
        "剩余“【待填写】”、类别，以及正式稿 .docx 是否已生成且比草稿及其格式文件新。无法读取的草稿单列一行并写明原因（退出码 1）。",
    )
    p.add_argument("input", metavar="DIR|GLOB", help="草稿目录（含子目录）或通配符")
    p.add_argument("--today", type=_date_option, metavar="DATE", help="按这一天计算剩余天数，默认今天")
    p.add_argument("--format", choices=["table", "csv", "xlsx", "json"], help="输出格式；默认按 -o 的扩展名，否则 table")
    p.add_argument("--overdue", action="store_true", help="只列出已超期且未出正式稿的")
    p.add_argument("-o", "--output", metavar="FILE", help="写入文件；不填时输出到屏幕")
    p.add_argument("--rules", metavar="FILE", help="本地办理时限规则（YAML），覆盖内置的“主办三个月、会办一个月”")
    p.add_argument("--docx-dir", metavar="DIR", help="batch 输出的 .docx 所在目录；默认只看草稿旁边的同名 .docx")
    p.set_defaults(handler=_cmd_status)


# --- schema -------------------------------------------------------------------------------


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.output):
        _say(f"已生成 {path}")
    return EXIT_OK


# --- style --------------------------------------------------------------------------------


def _cmd_style(args: argparse.Namespace) -> int:
    from .style import PLACEHOLDERS, setting_rows, style_init_text, yaml_value

    if args.init:
        _write_or_print(style_init_text(), args, "只改与本单位不同的项，草稿中写 style: 文件名 即可使用")
        return EXIT_OK
    if args.output is not None:
        raise _UsageError("-o 只与 --init 一起使用")
    lines = ["格式设置（写在格式文件中，或写在草稿的 style: 之下）：", ""]
    for name, title, description, default in setting_rows():
        lines += [f"{name}  {title}", f"    {description}", f"    默认：{yaml_value(default)}"]
    lines += ["", "占位符（由草稿内容填入）："]
    lines += [f"  {{{name}}}  {meaning}" for name, meaning in PLACEHOLDERS.items()]
    _print_text("\n".join(lines) + "\n")
    return EXIT_OK


def _add_style(commands: Any) -> None:
    p = commands.add_parser(
        "style",
        help="列出本单位格式的各项设置",
        description="列出格式文件（本单位的标题、称谓、开头语、结束语、分类标识、联系信息、落款等写法）"
        "的每项设置、说明和默认值；--init 写出一个带说明的格式文件。",
    )
    p.add_argument("--init", action="store_true", help="写出一个带说明、全为默认值的格式文件")
    p.add_argument("-o", "--output", metavar="FILE", help="与 --init 一起用：写入的文件名；不填时输出到屏幕")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.set_defaults(handler=_cmd_style)


# --- check --------------------------------------------------------------------------------


def _cmd_check(args: argparse.Namespace) -> int:
    import json

    from .errors import InputError
    from .lint import fix_file, lint_file

    findings = []
    for name in args.files:
        if args.fix:
            try:
                changed = fix_file(name)
            except InputError:
                changed = 0  # the lint below reports why it cannot be read
            if changed:
                _say(f"{name}: 已自动修正 {changed} 处")
        findings.extend(lint_file(name))
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        files = len(args.files)
        errors = [f for f in findings if f.severity != "warning"]
        warned = f"，另有 {len(findings) - len(errors)} 处提醒（请核对，不影响生成）" if len(errors) < len(findings) else ""
        _say(f"检查了 {files} 个文件，发现 {len(errors)} 处问题{warned}" if findings else f"检查了 {files} 个文件，未发现问题")
    # Warnings (the process checks) are for the clerk to judge: they do not fail the check.
    return EXIT_FAILED if any(f.severity != "warning" for f in findings) else EXIT_OK


# --- parser -------------------------------------------------------------------------------


# argparse's own words, in Chinese. argparse fetches each message through its module-level
# gettext functions, ``_`` and ``ngettext``, at the moment it shows it; _Parser points them
# at this table while it builds, parses or formats, and puts gettext back afterwards, so
# any other parser in the process keeps its own language.
_ARGPARSE_CHINESE = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "subcommands": "命令",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必须给出的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "后面需要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少需要跟一个值",
    "expected %s argument": "后面需要跟 %s 个值",
    "expected %s arguments": "后面需要跟 %s 个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "不能写 %(value)r，只能是 %(choices)s 之一",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "ignored explicit argument %r": "这个选项后面不能带值（写了 %r）",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不完整，可能是 %(matches)s，请写全",
    "unexpected option string: %s": "这里不能出现选项 %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r，可用的命令：%(choices)s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def _chinese(message: str) -> str:
    return _ARGPARSE_CHINESE.get(message, message)


def _chinese_plural(singular: str, plural: str, n: int) -> str:
    return _chinese(singular if n == 1 else plural)


@contextmanager
def _argparse_in_chinese() -> Iterator[None]:
    """argparse speaks Chinese inside this block; blocks nest, as sub-command parsers do."""
    # argparse translates through its module's own gettext hooks, which it does not export.
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _chinese, _chinese_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse with every heading, help line and error in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _argparse_in_chinese():  # the section titles and -h's help are fetched here
            super().__init__(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_in_chinese():
            return super().parse_known_args(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_in_chinese():  # "unrecognized arguments" is said here, after parsing
            return super().parse_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _argparse_in_chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_in_chinese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: 命令行有误：{message}\n用 {self.prog} --help 查看用法\n")


def _whole_number(text: str) -> int:
    """``type=int`` would report "invalid int value"; say what --jobs wants instead."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为整数，而不是“{text}”") from None


def _add_render(commands: Any) -> None:
    p = commands.add_parser("render", help="生成答复", description="把一个或多个 YAML 草稿生成答复文件。")
    p.add_argument("files", nargs="+", metavar="FILE", help="YAML 草稿")
    p.add_argument("-o", "--output", metavar="PATH", help="输出文件或目录（以 / 结尾表示目录，不存在时创建）；文本格式不填时输出到屏幕")
    p.add_argument("--format", metavar="FORMATS", help="输出格式，逗号分隔，如 docx,text,pdf（pdf 需安装 LibreOffice）；body 为粘贴到提案办理系统的正文（称谓至结束语，写成 .body.txt）；不填时按 -o 的扩展名（.txt、.body.txt、.docx 或 .pdf），否则为 docx")
    p.add_argument("--final", action="store_true", help="生成正式稿：仍有“【待填写】”时拒绝并列出位置")
    p.add_argument("--template-dir", metavar="DIR", help="自定义模板目录，可覆盖内置模板的部分内容")
    from .naming import STEM_PATTERN  # standard library only: --help stays fast

    _add_pattern(p, STEM_PATTERN, "草稿文件名，输出在草稿旁或 -o 目录中")
    _add_version_options(p)
    p.set_defaults(handler=_cmd_render)


def _add_pattern(p: argparse.ArgumentParser, default: str, meaning: str) -> None:
    from .naming import PATTERN_FIELDS  # standard library only: --help stays fast

    fields = " ".join(f"{{{name}}}" for name in PATTERN_FIELDS)
    p.add_argument("--pattern", default=default, help=f"输出文件名模式，可用 {fields}；默认 %(default)s（{meaning}）")


def _add_version_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--publication",
        action="store_true",
        help="生成信息公开版本：顶部排网站信息公开信息（取自草稿中的信息公开信息），去掉联系人和“征求意见稿”；公开属性为不予公开时拒绝",
    )
    p.add_argument("--indent", action="store_true", help="与 --format body 同用：每段前加两个全角空格")


def _add_batch(commands: Any) -> None:
    p = commands.add_parser(
        "batch",
        help="批量生成一个目录中的草稿",
        description="批量生成：一份失败不影响其他，最后列出失败的文件、行号、字段和原因。"
        "退出码 0 全部成功，1 部分失败，2 命令行有误。",
    )
    p.add_argument("input", metavar="DIR|GLOB", help="草稿目录（含子目录中的 .yaml/.yml）或通配符，如 'drafts/*.yaml'")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="输出目录，不存在时自动创建")
    p.add_argument("--jobs", "-j", type=_whole_number, default=1, metavar="N", help="并行进程数，默认 1；可设为 CPU 核数")
    p.add_argument("--format", metavar="FORMATS", help="输出格式，逗号分隔，如 docx,text,body；默认 docx")
    from .naming import DEFAULT_PATTERN  # standard library only: --help stays fast

    _add_pattern(p, DEFAULT_PATTERN, "提案号-提案人")
    p.add_argument("--force", action="store_true", help="重新生成并替换已有的输出（不加时，比输入新的输出跳过，比输入旧的报错并保留）")
    p.add_argument("--final", action="store_true", help="生成正式稿：仍有“【待填写】”的草稿算作失败并列出位置")
    p.add_argument("--template-dir", metavar="DIR", help="自定义模板目录")
    _add_version_options(p)
    p.set_defaults(handler=_cmd_batch)


def _add_new(commands: Any) -> None:
    p = commands.add_parser(
        "new",
        help="新建答复草稿",
        description="为一件新提案生成 YAML 草稿。未给出的内容在终端上询问；仍未填写的地方写作“【待填写】”。",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="草稿文件名；不填时输出到屏幕")
    p.add_argument("--issuer", help="发文机关全称")
    p.add_argument("--meeting", help="会议，如 省政协十三届一次会议")
    p.add_argument("--number", help="提案号，如 2023W316")
    p.add_argument("--proposer", help="提案人或领衔代表")
    p.add_argument(
        "--type",
        type=_proposer_type,
        help="提案人类型：member 委员、deputy 代表、organisation 单位（也可写中文）",
    )
    p.add_argument("--title", help="案由（提案标题），不加《》")
    p.add_argument("--suggestion", action="append", metavar="TOPIC", help="一条建议的主题；每条建议写一次")
    p.add_argument("--no-input", action="store_true", help="不在终端上询问，缺的内容都写作“【待填写】”")
    p.add_argument("--force", action="store_true", help="覆盖已存在的草稿文件")
    p.add_argument(
        "--from-proposal",
        metavar="FILE",
        help="提案原文（.docx 或 .txt）：读出案由、提案人和各条建议，每条建议一节，答复内容留作“【待填写】”",
    )
    p.set_defaults(handler=_cmd_new)


def _add_schema(commands: Any) -> None:
    p = commands.add_parser(
        "schema",
        help="生成 JSON Schema",
        description="写出每种文档和格式文件的 JSON Schema，编辑器（YAML 语言服务）据此补全和检查草稿。",
    )
    p.add_argument("-o", "--output", metavar="DIR", default="schemas", help="输出目录，默认 %(default)s")
    p.set_defaults(handler=_cmd_schema)


def _add_check(commands: Any) -> None:
    p = commands.add_parser(
        "check",
        help="检查草稿写法",
        description="校验并检查草稿写法（不生成答复）：发文字号括号、半角标点、成对符号、称呼、日期、"
        "占位符、手写序号、案由书名号。每条规则有固定编号 RG001…；RG010–RG015 是办理流程的提醒（类别与措辞不符、"
        "复述而未答复、会办单位未提及、缺少规定的抄送、缺少规定的类别、提案的建议要点没有对应的答复），只提醒，不算错误。",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="YAML 草稿")
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式：text（默认）或 json")
    p.add_argument("--fix", action="store_true", help="自动修正半角标点、发文字号括号等，保留注释和字段顺序")
    p.set_defaults(handler=_cmd_check)


# --- preview ------------------------------------------------------------------------------


def _cmd_preview(args: argparse.Namespace) -> int:
    from .pipeline import docx_bytes
    from .loader import load
    from .pdf import docx_to_pdf, pdf_to_png

    if args.pages is not None and args.pages < 1:
        raise _UsageError("--pages 应为正整数")
    from .output import file_in_the_way, make_output_dir

    source = Path(args.file)
    directory = Path(args.output)
    blocker = file_in_the_way(directory)
    if blocker is not None:
        raise _UsageError(f"输出目录应是目录，但 {blocker} 是文件")
    pdf = docx_to_pdf(docx_bytes(load(source)))
    # Made only once there is something to put in it, as render and batch do.
    make_output_dir(directory)
    for page in pdf_to_png(pdf, directory, source.stem, pages=args.pages):
        _say(f"已生成 {page}")
    return EXIT_OK


def _add_preview(commands: Any) -> None:
    p = commands.add_parser(
        "preview", help="生成页面图片", description="把草稿排成 .docx，经 LibreOffice 打印，逐页生成 PNG 图片（文件名-页码.png），用于检查版面。"
    )
    p.add_argument("file", metavar="FILE", help="YAML 草稿")
    p.add_argument("-o", "--output", metavar="DIR", default=".", help="图片输出目录，不存在时自动创建，默认当前目录")
    p.add_argument("--pages", metavar="N", type=int, help="只生成前 N 页；不填时生成全部页面")
    p.set_defaults(handler=_cmd_preview)


# --- import -------------------------------------------------------------------------------


def _cmd_import(args: argparse.Namespace) -> int:
    from .importer import import_file

    target = import_file(args.file, args.output, args.style_out, overwrite=args.force)
    if args.style_out:
        _say(f"已写出本单位格式 {args.style_out}")
    if target is not None:
        _say(f"已导入 {target}（请搜索“待核”核对存疑之处）")
    return EXIT_OK


def _add_import(commands: Any) -> None:
    p = commands.add_parser(
        "import", help="把已有答复转成 YAML", description="把已有的答复或实施意见（.txt 或 .docx）转成 YAML 草稿。"
    )
    p.add_argument("file", metavar="FILE", help="已有答复：.txt 或 .docx")
    p.add_argument("-o", "--output", metavar="FILE", help="输出的 YAML 文件；不填时输出到屏幕")
    p.add_argument(
        "--style-out",
        metavar="FILE",
        help="把从这封答复学到的本单位格式（只含与默认不同的设置）写到此文件，草稿改为引用它",
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的 YAML 文件")
    p.set_defaults(handler=_cmd_import)


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog="replygen",
        description="从 YAML 草稿生成提案/建议答复（文本与 GB/T 9704-2012 格式的 .docx）。",
        epilog="每个命令的用法：replygen 命令 --help",
    )
    parser.add_argument("--version", action="version", version=f"replygen {__version__}", help="显示版本号并退出")
    commands = parser.add_subparsers(dest="command", metavar="命令", title="可用的命令", parser_class=_Parser)
    for add in (
        _add_render, _add_batch, _add_new, _add_schema, _add_style, _add_check, _add_import, _add_intake, _add_status,
        _add_preview, _add_feedback,
    ):
        add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting, for callers and tests."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    from .errors import ReplygenError

    try:
        return int(args.handler(args))
    except _UsageError as exc:
        _say(f"replygen {args.command}: {exc}")
        return EXIT_USAGE
    except ReplygenError as exc:
        _say(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _say("replygen: 已中断，未写出不完整的文件")
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as other tools do.
        _silence_stdout()
        return 141


def _silence_stdout() -> None:
    """Point stdout at devnull so the interpreter's final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
