"""How a build ends: the timers Snakemake's scheduler leaves behind do not hold the process open."""

import threading

from grantreports.outcome import end_scheduler_timers


def test_a_pending_timer_is_cancelled_and_its_thread_ends_at_once():
    fired = threading.Event()
    timer = threading.Timer(60, fired.set)  # as Snakemake's scheduler starts one, not a daemon: Python waits for it at exit
    timer.start()
    other = threading.Event()
    worker = threading.Thread(target=other.wait, args=(5,))  # a thread that is not a timer is left alone
    worker.start()
    try:
        end_scheduler_timers()
        timer.join(timeout=5)
        assert not timer.is_alive()
        assert not fired.is_set()
        assert worker.is_alive()
    finally:
        timer.cancel()
        other.set()
        worker.join()
