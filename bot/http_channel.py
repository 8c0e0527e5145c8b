"""waitress's HTTP connection, without its busy loop while a request is being answered.

While a task writes its answer, waitress's loop thread counts the connection as writable, and each
time it looks it finds the task holding the output lock and sends nothing: poll returns at once, so
the loop spins, and being Python it holds the interpreter lock that the task, back from its own
send, waits for (up to the 5 ms switch interval each time). Under bench/ack.py's clicks that was
about a quarter of the process's time and 30 to 130 empty writes per request. With `send_bytes` at
its default of 1 the task sends its own output as it writes, and it wakes the loop when it ends
(waitress's `pull_trigger`), so the loop can leave the connection alone until then. Only a task
waiting for the loop to drain a full buffer (past `outbuf_high_watermark`) needs it earlier.
"""

from __future__ import annotations

from waitress.channel import HTTPChannel


class QuietChannel(HTTPChannel):
    def writable(self) -> bool:
        task_sends_its_own = (
            bool(self.requests)
            and self.total_outbufs_len <= self.adj.outbuf_high_watermark
            and not (self.will_close or self.close_when_flushed)
        )
        return False if task_sends_its_own else bool(super().writable())
