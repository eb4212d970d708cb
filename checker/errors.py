"""The few error classes tendercheck raises on purpose; anything else reaching the CLI is a bug."""


class TendercheckError(Exception):
    """A problem the user can fix; its str() is one line that names the file and the cause."""

    code = "error"


class InputError(TendercheckError):
    """A document that cannot be read (missing, empty, corrupt, encrypted, unsupported)."""

    code = "input-error"

    def __init__(self, path, cause: str, code: str | None = None):
        self.path = str(path)
        self.cause = cause
        if code:
            self.code = code
        super().__init__(f"{self.path}: {cause}")

    def __reduce__(self):
        """Rebuilt whole from a worker process (checker.isolation): path, cause and code, not the joined text."""
        return self.__class__, (self.path, self.cause, self.code)


class RulebookError(TendercheckError):
    """A rule file that is malformed; names file:line so the author can jump to it."""

    code = "rulebook-error"

    def __init__(self, path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class ConfigError(RulebookError):
    """A .tendercheck.yaml or command-line option that is malformed."""

    code = "config-error"


class DocumentError(InputError):
    """An unexpected failure while checking one document (a bug or a limit hit deep in a library): that
    document's one error line, never the batch's. The original exception stays as __cause__."""

    code = "internal-error"


class OutputError(TendercheckError):
    """A report or baseline that cannot be written where the user asked."""

    code = "output-error"

    def __init__(self, path, cause: str):
        self.path, self.cause = str(path), cause
        super().__init__(f"{self.path}: {cause}")
