"""Errors replygen raises, all rooted at :class:`ReplygenError`.

::

    ReplygenError
    ├── InputError (ValueError)          a draft cannot be used as it is
    │   ├── DecodeError                  bytes are not text in an encoding we accept
    │   ├── YamlSyntaxError              the YAML does not parse (also unsafe tags, aliases bombs)
    │   └── DraftValidationError         parsed (or built in code), but fields are missing, wrong or unknown
    ├── TemplateError                    a template is missing, broken or leaves a value undefined
    └── OutputError (OSError)            the output cannot be written

Every :class:`InputError` carries one or more :class:`Problem` objects, each pointing at a
file, line, column and field path, with a message in Chinese a clerk can act on.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DecodeError",
    "DraftValidationError",
    "InputError",
    "OutputError",
    "Problem",
    "ReplygenError",
    "TemplateError",
    "YamlSyntaxError",
    "os_reason",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a draft, and where."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str = ""  # English field path, e.g. sections[2].items[0].text

    def __str__(self) -> str:
        # A model built in code has neither file nor line: the field alone says where.
        place = self.file or ("<输入>" if self.line is not None else "")
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        head = " ".join(part for part in (place, self.field) if part)
        return f"{head}: {self.message}" if head else self.message


class ReplygenError(Exception):
    """Root of every error replygen raises on purpose."""


class InputError(ReplygenError, ValueError):
    """A draft that cannot be used; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = problems if isinstance(problems, list) else [problems]
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class DecodeError(InputError):
    """The file's bytes are not UTF-8/GB18030/UTF-16 text we can read safely."""


class YamlSyntaxError(InputError):
    """The YAML cannot be parsed, or uses a construct replygen refuses."""


class DraftValidationError(InputError):
    """The YAML parsed, or a model was built in code, but the content does not fit the schema."""


class TemplateError(ReplygenError):
    """A template failed: not found, syntax error, or an undefined value."""

    def __init__(self, message: str, template: str | None = None, line: int | None = None) -> None:
        self.template = template
        self.line = line
        where = template or "<模板>"
        if line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {message}")


class OutputError(ReplygenError, OSError):
    """The output file could not be written; nothing partial was left behind."""

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        super().__init__(f"{path}: {message}" if path is not None else message)


# The system's reasons, said to a clerk in Chinese: strerror is English (or the locale's).
_OS_REASONS = {
    errno.ENOENT: "找不到这个文件或目录",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出了磁盘配额",
    errno.EROFS: "所在的磁盘是只读的",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EEXIST: "已经存在",
    errno.EIO: "磁盘读写出错",
    errno.ELOOP: "符号链接层层相套，无法找到实际文件",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ETXTBSY: "文件正被其他程序占用",
    errno.EMFILE: "同时打开的文件过多",
    errno.EINVAL: "文件名不合法",
    errno.ENXIO: "设备不存在或未连接",
    errno.ENODEV: "设备不存在或未连接",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Chinese; the error's code name when it is not in the table."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is not None:
        return reason
    code = errno.errorcode.get(exc.errno or 0)
    return f"系统错误（{code}）" if code else f"系统错误（{exc}）"
