from decimal import Decimal

import pytest

from tenths.errors import SettingsError
from tenths.settings import load_settings


def test_defaults_need_no_file():
    settings = load_settings(None, env={})
    assert settings.capture.idle_minutes == 5.0
    assert settings.billing.firm_default_rate == Decimal("250")


def test_file_and_environment_override_defaults(tmp_path):
    path = tmp_path / "tenths.toml"
    path.write_text('[billing]\nfirm_default_rate = "300.00"\n[attribution]\nneighbour_window = 5\n')
    settings = load_settings(path, env={"TENTHS_MYCASE_API_URL": "http://127.0.0.1:9/v1"})
    assert settings.billing.firm_default_rate == Decimal("300.00")
    assert settings.attribution.neighbour_window == 5
    assert settings.mycase.api_url == "http://127.0.0.1:9/v1"


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "tenths.toml"
    path.write_text(
        '[billing]\nfirm_default_rate = 300.5\n[nope]\nx = 1\n'
        '[capture]\nidle_minutes = "five"\nbogus = 1\n'
    )
    with pytest.raises(SettingsError) as info:
        load_settings(path, env={})
    text = str(info.value)
    for fragment in ("firm_default_rate", "[nope]", "idle_minutes", "bogus"):
        assert fragment in text
