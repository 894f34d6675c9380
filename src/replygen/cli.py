"""Command line: a thin layer over the library. Messages are Chinese, option names English."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main"]

# Writers by format name: (file suffix, function that renders a document to bytes).
FORMATS = ("text",)


def _render_bytes(doc: object, fmt: str, template_dir: str | None) -> bytes:
    import replygen

    if fmt == "text":
        return replygen.render_text(doc, template_dir=template_dir).encode("utf-8")  # type: ignore[arg-type]
    raise ValueError(fmt)


_SUFFIX = {"text": ".txt"}


def _cmd_render(args: argparse.Namespace) -> int:
    from replygen.errors import ReplygenError
    from replygen.load import load
    from replygen.output import atomic_write

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        print(f"replygen: 不支持的输出格式：{'、'.join(unknown)}（可选：{'、'.join(FORMATS)}）", file=sys.stderr)
        return 2
    if args.output and len(args.files) * len(formats) > 1 and not Path(args.output).is_dir():
        print("replygen: 输出多个文件时，-o 必须是一个已存在的目录", file=sys.stderr)
        return 2
    failed = 0
    for name in args.files:
        try:
            doc = load(name)
            for fmt in formats:
                data = _render_bytes(doc, fmt, args.template_dir)
                if args.output is None and fmt == "text":
                    sys.stdout.write(data.decode("utf-8"))
                    continue
                target = Path(args.output) if args.output else Path(name).with_suffix(_SUFFIX[fmt])
                if target.is_dir():
                    target = target / (Path(name).stem + _SUFFIX[fmt])
                atomic_write(target, data)
                print(f"已生成 {target}", file=sys.stderr)
        except ReplygenError as exc:
            failed += 1
            print(str(exc), file=sys.stderr)
    return 1 if failed else 0


def _cmd_import(args: argparse.Namespace) -> int:
    from replygen.errors import ReplygenError
    from replygen.importer import import_file

    try:
        target = import_file(args.file, args.output)
    except ReplygenError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if target is not None:
        print(f"已导入 {target}（请搜索“待核”核对存疑之处）", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    from replygen import __version__

    parser = argparse.ArgumentParser(
        prog="replygen", description="从 YAML 草稿生成提案/建议答复函（文本与 GB/T 9704-2012 格式的 .docx）"
    )
    parser.add_argument("--version", action="version", version=f"replygen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令")
    render = commands.add_parser("render", help="生成答复", description="把一个或多个 YAML 草稿生成答复文件")
    render.add_argument("files", nargs="+", metavar="FILE", help="YAML 草稿")
    render.add_argument("-o", "--output", help="输出文件或目录；文本格式不填时输出到屏幕")
    render.add_argument("--format", default="text", help=f"输出格式，逗号分隔（{', '.join(FORMATS)}）")
    render.add_argument("--template-dir", help="自定义模板目录，可覆盖内置模板的部分内容")
    render.set_defaults(handler=_cmd_render)
    imp = commands.add_parser("import", help="把已有答复转成 YAML", description="把已有的答复或实施意见（.txt 或 .docx）转成 YAML 草稿")
    imp.add_argument("file", metavar="FILE", help="已有答复：.txt 或 .docx")
    imp.add_argument("-o", "--output", help="输出的 YAML 文件；不填时输出到屏幕")
    imp.set_defaults(handler=_cmd_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("replygen: 已中断，未写出不完整的文件", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
