"""Presslens exceptions: each names the bad value, says why, and says how to fix it."""

from __future__ import annotations


class PresslensError(Exception):
    """Base class of every error Presslens raises on purpose."""


class CorpusError(PresslensError, ValueError):
    """An input file or row cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = str(source)
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class InputNotFoundError(PresslensError, FileNotFoundError):
    """An input path does not exist."""

    def __init__(self, path: str) -> None:
        self.source = str(path)
        self.reason = "no such file or folder"
        super().__init__(f"{path}: no such file or folder; pass a folder of .txt files, a .txt, .csv or .jsonl file")


class ModelNotFoundError(PresslensError, OSError):
    """No spaCy pipeline of the requested name is installed."""


class ParameterError(PresslensError, ValueError):
    """A notebook or command-line parameter is unknown, of the wrong type or out of range."""


class NotebookError(PresslensError, RuntimeError):
    """A notebook failed while the report was being run."""
