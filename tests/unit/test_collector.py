"""The cyclic collector paused while the long-lived model is made (workers.collector_paused)."""

from __future__ import annotations

import gc

from site_builder.workers import collector_paused


def test_the_collector_is_paused_then_what_was_made_is_frozen() -> None:
    try:
        assert gc.isenabled()
        before = gc.get_freeze_count()
        with collector_paused():
            assert not gc.isenabled()
            made = [[n] for n in range(1000)]  # containers the collector would otherwise scan
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(made)
    finally:
        gc.unfreeze()


def test_a_paused_collector_stays_paused_and_nothing_is_frozen() -> None:
    gc.disable()
    try:
        before = gc.get_freeze_count()
        with collector_paused():
            made = [[n] for n in range(100)]
        assert not gc.isenabled() and gc.get_freeze_count() == before and made
    finally:
        gc.enable()


def test_the_collector_comes_back_when_the_work_fails() -> None:
    try:
        try:
            with collector_paused():
                raise ValueError("a failed load")
        except ValueError:
            pass
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_only_a_one_time_load_freezes_the_model() -> None:
    """The preview loads the site again and again in one process: its models are never frozen
    (a frozen cycle is never collected); a build's one load is."""
    from site_builder.build import load_site
    from site_builder.problems import Problems
    from tests.conftest import ROOT

    try:
        before = gc.get_freeze_count()
        assert load_site(ROOT, Problems()) is not None
        assert gc.get_freeze_count() == before and gc.isenabled()
        assert load_site(ROOT, Problems(), once=True) is not None
        assert gc.get_freeze_count() > before and gc.isenabled()
    finally:
        gc.unfreeze()
