"""Team mode on the Review screen: soft locks, the review session a claim is in, blind review.

Kept apart from ``screens/review.py`` so that screen only calls three functions:
:func:`review_setup` (lock + session context + the banners), :func:`verdict_action`
(which verdict button this person gets) and :func:`visible_history`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from workbench.errors import BadInput, WorkbenchError
from workbench.store import Store, team
from workbench.store.service import Actor, AuditRow, ClaimDetail
from workbench.ui.widgets import md_escape, verdict_label, when

__all__ = ["ReviewContext", "review_setup", "verdict_action", "visible_history"]

MAX_OPEN_SESSIONS = 200  # open sessions searched for the claim on each run


@dataclass
class ReviewContext:
    """Where this claim stands for this person in team mode."""

    lock: team.LockInfo | None = None  # someone else's fresh lock, if any
    session_id: int | None = None
    session_name: str = ""
    mode: str = "single"
    assigned: bool = False  # the claim waits for this person's review in that session
    mine: team.ReviewRow | None = None  # this person's own review there
    visible: list[team.ReviewRow] = field(default_factory=list)

    @property
    def submits_review(self) -> bool:
        """Verdicts go through ``submit_review`` (the session's review) rather than set_verdict."""
        return self.session_id is not None and (self.assigned or self.mine is not None)


def _lock(store: Store, claim_id: int, actor: Actor, minutes: float) -> team.LockInfo | None:
    ss = st.session_state
    with store.sessions.begin() as s:
        previous = ss.get("_locked_claim")
        if previous is not None and previous != claim_id:
            team.release_lock(s, previous, actor)  # moved on: free the last claim at once
        other = team.acquire_lock(s, claim_id, actor, minutes=minutes)
    ss["_locked_claim"] = None if other else claim_id
    return other


def _session(store: Store, detail: ClaimDetail, actor: Actor, ctx: ReviewContext) -> None:
    preferred = st.session_state.get("review_session_id")
    with store.reader.begin() as s:
        waiting = {i.session_id: i for i in team.my_queue(s, actor.name) if i.claim_id == detail.id}
        sessions = team.list_sessions(s, status="open")[:MAX_OPEN_SESSIONS]
        sessions.sort(key=lambda r: (r.id not in waiting, r.id != preferred, -r.id))
        for row in sessions:
            try:
                visible = team.visible_reviews(s, row.id, detail.id, actor)
            except BadInput:  # the claim is not in this session
                continue
            ctx.session_id, ctx.session_name, ctx.mode = row.id, row.name, row.mode
            ctx.assigned = row.id in waiting
            ctx.visible = visible
            ctx.mine = next((r for r in visible if r.reviewer == actor.name), None)
            if ctx.mine is not None and detail.status in ("final", "second_review"):
                ctx.mine = None  # already decided (agreed, settled or waiting for an editor)
            return


def review_setup(store: Store, detail: ClaimDetail, actor: Actor, *, lock_minutes: float) -> ReviewContext:
    """Take or refresh the soft lock, find the claim's review session, and draw the banners."""
    ctx = ReviewContext()
    try:
        ctx.lock = _lock(store, detail.id, actor, lock_minutes)
        _session(store, detail, actor, ctx)
    except WorkbenchError as exc:
        st.error(str(exc), icon=":material/error:")
        return ctx
    if ctx.lock is not None:
        st.warning(
            f"This claim is {md_escape(ctx.lock.message)}. You can read it; if you both save, "
            "the second to save is asked what to do.",
            icon=":material/lock_clock:",
        )
    if ctx.session_id is not None:
        kind = "double, blind" if ctx.mode == "double" else "single"
        lines = [f"In review session **{md_escape(ctx.session_name)}** ({kind} review)."]
        if ctx.assigned:
            lines.append("It is assigned to you: your verdict is recorded as your review in this session.")
        for r in ctx.visible:
            who = "Your review" if r.reviewer == actor.name else f"{md_escape(r.reviewer)}'s review"
            lines.append(
                f"{who}: **{verdict_label(r.verdict)}**"
                + (f" — {md_escape(r.rationale)}" if r.rationale else "")
                + f" :gray[{when(r.created_at)}]"
            )
        if ctx.mode == "double" and not actor.can("settle") and len(ctx.visible) < 2:
            lines.append("The other reviewer's verdict stays hidden until both of you have reviewed.")
        st.info("  \n".join(lines), icon=":material/groups:")
    return ctx


def verdict_action(actor: Actor, ctx: ReviewContext | None) -> tuple[str, str, bool]:
    """(button label, widget key, final) for this person's verdict button."""
    if ctx is None:  # local mode: as before
        return "Save verdict", "save", True
    if actor.can("finalise"):
        return "Finalise verdict", "finalise", True
    return "Propose verdict", "propose", False


def visible_history(history: list[AuditRow], actor: Actor, ctx: ReviewContext | None) -> list[AuditRow]:
    """The claim's timeline without other reviewers' session reviews this person may not see yet."""
    if ctx is None or actor.can("settle"):
        return history
    seen = {r.reviewer for r in ctx.visible} | {actor.name}
    return [e for e in history if not (e.action == "review" and e.actor not in seen)]
