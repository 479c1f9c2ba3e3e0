"""Progress of a long step on a management command's output: a bar redrawn in place on a
terminal, a plain line every tenth of the way otherwise (CI logs keep every line)."""

import time

WIDTH = 24  # characters of the bar


class ProgressBar:
    """Call it with (done, total) as the work goes on, then finish() once. STREAM is a
    command's self.stdout (Django's OutputWrapper).

    On a terminal, one line redrawn with a carriage return:
        pledges       ██████████░░░░░░░░░░░░░░  40,000/100,000    12 s
    otherwise a line at each tenth of the way:
        pledges: 40,000/100,000 (40%), 12 s"""

    def __init__(self, stream, label: str, *, clock=time.monotonic):
        self.stream, self.label, self.clock = stream, label, clock
        self.is_tty = stream.isatty()
        self.started = clock()
        self.tenths_shown: set[int] = set()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        seconds = int(self.clock() - self.started)
        if self.is_tty:
            filled = done * WIDTH // total if total else WIDTH
            bar = "█" * filled + "░" * (WIDTH - filled)
            self._write(f"\r{self.label:<14}{bar}  {done:,}/{total:,}  {seconds:>4} s")
            self.drawn = True
            return
        percent = done * 100 // total if total else 100
        if percent // 10 not in self.tenths_shown:
            self.tenths_shown.add(percent // 10)
            self._write(f"{self.label}: {done:,}/{total:,} ({percent}%), {seconds} s\n")

    def finish(self) -> None:
        """End the bar's line on a terminal (plain lines are ended already)."""
        if self.drawn:
            self._write("\n")
            self.drawn = False

    def _write(self, text: str) -> None:
        self.stream.write(text, ending="")
        self.stream.flush()
