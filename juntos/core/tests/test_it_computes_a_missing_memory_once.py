"""A process computes a value it remembers once, however many of its threads ask at once."""

from __future__ import annotations

import threading
import time

from juntos.core.memory import ShortMemory


def test_threads_asking_at_once_for_a_missing_value_wait_for_the_one_computing_it():
    memory: ShortMemory[str] = ShortMemory(seconds=60)
    computed: list[str] = []
    started, release = threading.Event(), threading.Event()

    def compute() -> str:
        computed.append(threading.current_thread().name)
        started.set()
        release.wait(10)
        return "index"

    answers: list[str] = []
    threads = [
        threading.Thread(target=lambda: answers.append(memory.remember("85101", compute)))
        for _ in range(4)
    ]
    threads[0].start()
    assert started.wait(10)
    for thread in threads[1:]:
        thread.start()
    time.sleep(0.2)  # the other three reach the memory while the first is still computing
    release.set()
    for thread in threads:
        thread.join(10)
    assert answers == ["index"] * 4
    assert len(computed) == 1


def test_another_key_is_computed_meanwhile_and_an_old_value_again():
    memory: ShortMemory[str] = ShortMemory(seconds=60)
    assert memory.remember("a", lambda: "first") == "first"
    assert memory.remember("a", lambda: "second") == "first"  # remembered
    assert memory.remember("b", lambda: "other") == "other"
    memory.seconds = 0  # everything is too old now
    assert memory.remember("a", lambda: "second") == "second"
    memory.forget()
    assert memory.get("b") is None
