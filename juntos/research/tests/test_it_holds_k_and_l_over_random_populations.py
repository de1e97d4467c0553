"""Property tests over random populations (hypothesis): whatever the data, what the algorithm
releases is k-anonymous and l-diverse by pycanon's count, and every row is either released or
counted as suppressed."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pycanon import anonymity as canon

from juntos.research.anonymity import HIERARCHIES, Histogram, anonymise

ATTRIBUTES = ("country", "gender", "age_band", "province", "occupation_group", "season")
VALUES = {
    "country": ["MX", "GT", "JM", "HN", "PH", "not said"],
    "gender": ["woman", "man", "non-binary", "not said"],
    "age_band": ["20-24", "25-29", "30-34", "35-39", "40-44", "65+", "not said"],
    "province": ["BC", "ON", "QC", "AB", "NS"],
    "occupation_group": ["85", "84", "82", "44", "not said"],
    "season": ["2019", "2020", "2021", "2022"],
}
row = st.tuples(
    st.tuples(*(st.sampled_from(VALUES[a]) for a in ATTRIBUTES)),
    st.sampled_from(["indigenous", "disability", "none", "not said"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(row, min_size=0, max_size=400), k=st.sampled_from([2, 5, 10]))
def test_released_rows_are_k_anonymous_and_l_diverse(rows, k):
    histogram = Histogram(attributes=ATTRIBUTES, levels=[0] * len(ATTRIBUTES), sensitive_fields=1)
    for quasi, sensitive in rows:
        histogram.add(quasi, (sensitive,))
    outcome = anonymise(histogram, k=k, l_minimum=2)
    released = [
        (*histogram.generalised(quasi), sensitive)
        for quasi, sensitive in rows
        if histogram.generalised(quasi) in outcome.kept
    ]
    assert len(released) == outcome.rows
    assert outcome.rows + outcome.suppressed == len(rows)
    # Few rows are left out, unless nothing could be generalised any further.
    tops = [HIERARCHIES[a].top for a in ATTRIBUTES]
    assert outcome.suppressed <= 0.05 * len(rows) or histogram.levels == tops
    if released:
        frame = pd.DataFrame(released, columns=[*ATTRIBUTES, "group"])
        assert canon.k_anonymity(frame, list(ATTRIBUTES)) >= k
        assert canon.l_diversity(frame, list(ATTRIBUTES), ["group"]) >= 2
        assert outcome.smallest_class >= k and outcome.diversity >= 2


@settings(max_examples=25, deadline=None)
@given(rows=st.lists(row, min_size=50, max_size=300))
def test_generalising_from_coarser_start_levels_still_holds(rows):
    histogram = Histogram(attributes=ATTRIBUTES, levels=[1, 0, 1, 1, 1, 0], sensitive_fields=1)
    for quasi, sensitive in rows:
        histogram.add(quasi, (sensitive,))
    outcome = anonymise(histogram)
    kept = [histogram.generalised(q) for q, _s in rows if histogram.generalised(q) in outcome.kept]
    if kept:
        frame = pd.DataFrame(kept, columns=list(ATTRIBUTES))
        assert canon.k_anonymity(frame, list(ATTRIBUTES)) >= 10
