"""An import leaves the collector as it found it (how a counts CSV is read:
test_counts_csv.py)."""

from __future__ import annotations

import gc
import io

import pytest

from steward_app.services.counting import import_counts
from steward_app.services.errors import Refused
from steward_app.store.vote_store import VoteStore
from tests.conftest import STEWARD


@pytest.mark.parametrize("was_on", [True, False])
def test_an_import_leaves_the_collector_as_it_found_it(demo_store: VoteStore, was_on: bool) -> None:
    good = "unit,yes,no,void,final\nafscme-np4-391,900,700,5,yes\n"
    bad = "unit,yes,no\nnowhere,1,2\n"
    (gc.enable if was_on else gc.disable)()
    try:
        with pytest.raises(Refused):
            import_counts(demo_store, STEWARD, io.StringIO(bad))
        assert gc.isenabled() is was_on
        assert import_counts(demo_store, STEWARD, io.StringIO(good)).recorded == 1
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
