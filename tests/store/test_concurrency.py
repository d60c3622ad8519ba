"""8 writers hammer the same claims: every update lands or raises EditConflict, none is lost."""

from __future__ import annotations

import threading

from workbench.errors import EditConflict
from workbench.store import service
from workbench.store.service import Actor, ClaimFilter

THREADS = 8
ROUNDS = 15


def test_parallel_writers_lose_nothing(seeded):
    with seeded.reader.begin() as s:
        ids = [r.id for r in service.list_claims(s, ClaimFilter(), sort="id", limit=3).rows]
    landed: dict[int, int] = dict.fromkeys(ids, 0)
    conflicts = 0
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def work(n: int) -> None:
        nonlocal conflicts
        actor = Actor(f"reviewer{n}")
        start.wait()
        for i in range(ROUNDS):
            cid = ids[(n + i) % len(ids)]
            try:
                with seeded.reader.begin() as s:
                    version = service.get_claim(s, cid).version
                verdict = ("accurate", "misleading", "inaccurate")[(n + i) % 3]
                with seeded.sessions.begin() as s:
                    service.set_verdict(s, cid, verdict, expected_version=version, actor=actor)
                with lock:
                    landed[cid] += 1
            except EditConflict:
                with lock:
                    conflicts += 1
            except BaseException as exc:  # anything else fails the test below
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert sum(landed.values()) + conflicts == THREADS * ROUNDS
    with seeded.reader.begin() as s:
        for cid in ids:
            detail = service.get_claim(s, cid)
            history = [e for e in service.claim_history(s, cid) if e.action == "set_verdict"]
            # every landed change is in the audit log, and the version counts exactly those changes
            assert len(history) == landed[cid]
            assert detail.version == 1 + landed[cid]
            assert [e.after["version"] for e in history] == list(range(2, 2 + landed[cid]))
            if history:
                assert history[-1].after["verdict"] == detail.verdict
