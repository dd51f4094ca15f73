"""What every exercise self-check returns: a verdict a learner can read and a test can assert on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one self-check.

    Shown in a notebook it reads as one line: ``Correct: ...`` or ``Not yet: ... Hint: ...``.
    ``bool(result)`` is ``result.passed``, so tests can write ``assert check_x(good)``.

    Attributes
    ----------
    passed : bool
        Whether the answer is right.
    message : str
        What was checked and what was found, in one sentence.
    hint : str, default ""
        For an answer that is not right yet: a nudge towards the fix (empty when it passed, or
        when the message says it all). Shown after "Hint:".
    """

    passed: bool
    message: str
    hint: str = ""

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        if self.passed:
            return f"✅ Correct: {self.message}"
        text = f"❌ Not yet: {self.message}"
        return f"{text}\n   Hint: {self.hint}" if self.hint else text


def passed(message: str) -> CheckResult:
    return CheckResult(True, message)


def failed(message: str, hint: str = "") -> CheckResult:
    return CheckResult(False, message, hint)
