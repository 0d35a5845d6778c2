"""Issue 13: a fresh local state has read no habit's check-ins.

The habits manager reads `checkins_read_after` (habit id -> afterStamp the check-ins were
read from) to know which habits it must still ask about; mutation testing showed no test of
state.py read its initial value.
"""

from __future__ import annotations

from tickspec.state import LocalState


def test_a_fresh_state_has_read_no_checkins_and_shares_nothing() -> None:
    one, two = LocalState(), LocalState()
    assert one.checkins_read_after == {}
    one.checkins_read_after["habit"] = 20261130
    assert two.checkins_read_after == {}
