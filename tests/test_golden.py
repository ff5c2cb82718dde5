"""The golden set (eval/golden): every case drafts to its expected entries, and every
entry meets billing guidelines: no chrome, no 'various', each clause verb first, the
named counterparty present, never an increment above the minutes worked."""

import pytest

from eval.golden import check_guidelines, draft_case, entry_summary, history_chrome, load_cases

CASES = load_cases()
CHROME = history_chrome(CASES)


def test_the_golden_set_holds_at_least_thirty_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.path.stem for c in CASES])
def test_golden_case_meets_billing_guidelines(case):
    entries = draft_case(case, CHROME)
    assert entries, case.name
    assert check_guidelines(case, entries) == []
    assert [entry_summary(e) for e in entries] == case.data["expected"]
