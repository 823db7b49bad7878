"""The one geometry of a chart bar along its length (domain/bar_layout.py), which the window's
bars and the printed ones both use."""

from __future__ import annotations

import pytest

from steward_app.domain.bar_layout import Axis, LabelRule, label_x, spans, threshold_label_x

WINDOW = LabelRule(inset=1, clear=3, after=4, margin=1, shift_only_if_fits=False)
PRINT = LabelRule(inset=2, clear=2, after=3, margin=2, shift_only_if_fits=True)


def test_segments_follow_one_another_and_skip_the_empty_ones() -> None:
    axis = Axis(10.0, 200.0, 8.0)
    assert spans(axis, [2, 0, -1, 4, 2]) == [(0, 10.0, 60.0), (3, 60.0, 160.0), (4, 160.0, 210.0)]


def test_the_axis_keeps_values_on_the_bar() -> None:
    axis = Axis(5.0, 100.0, 4.0)
    assert (axis.at(-3), axis.at(2), axis.at(9)) == (5.0, 55.0, 105.0)
    assert Axis(0.0, 100.0, 0.0).at(0.5) == 50.0  # a maximum of 0 is drawn as 1


@pytest.mark.parametrize("rule", [WINDOW, PRINT])
def test_words_start_inside_their_segment_or_not_at_all(rule: LabelRule) -> None:
    assert label_x(rule, 0.0, 100.0, 40.0, None) == rule.inset
    assert label_x(rule, 0.0, 30.0, 40.0, None) is None


@pytest.mark.parametrize("rule", [WINDOW, PRINT])
def test_words_step_past_the_threshold_line(rule: LabelRule) -> None:
    x = label_x(rule, 0.0, 200.0, 40.0, 20.0)
    assert x == 20.0 + rule.after


def test_words_that_would_not_fit_past_the_line_stay_on_paper_and_go_on_screen() -> None:
    # past the line at 20 they would end beyond the segment's end at 60; before it they fit
    assert label_x(PRINT, 0.0, 60.0, 40.0, 20.0) == PRINT.inset
    assert label_x(WINDOW, 0.0, 60.0, 40.0, 20.0) is None


def test_the_threshold_label_keeps_to_its_side_while_there_is_room() -> None:
    # the window puts it before the line, the page after it; each turns round at the edge
    assert threshold_label_x(100.0, 30.0, 300.0, left_first=True, gap=3, near=2) == 68.0
    assert threshold_label_x(10.0, 30.0, 300.0, left_first=True, gap=3, near=2) == 13.0
    assert threshold_label_x(100.0, 30.0, 300.0, left_first=False, gap=3, near=3) == 103.0
    assert threshold_label_x(290.0, 30.0, 300.0, left_first=False, gap=3, near=3) == 257.0
    assert threshold_label_x(5.0, 400.0, 300.0, left_first=False, gap=3, near=3) == 0.0
