"""A FIRSTHAND_* number the server cannot use stops it at start with a line that names the
variable and says what it takes, instead of a bare int() traceback or a value taken as is."""

from __future__ import annotations

import pytest

from firsthand.config import ConfigError, from_environment


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("FIRSTHAND_TOKEN_MAX_AGE_DAYS", "ninety", "a whole number of 1 or more, not 'ninety'"),
        ("FIRSTHAND_TOKEN_MAX_AGE_DAYS", "0", "a whole number of 1 or more, not '0'"),
        ("FIRSTHAND_CONSOLE_IDLE_MINUTES", "1.5", "a whole number of 1 or more"),
        ("FIRSTHAND_PROXY_HOPS", "-1", "a whole number of 0 or more, not '-1'"),
        ("FIRSTHAND_ANALYTICS_CACHE_SECONDS", "٣", "a whole number of 0 or more"),  # Arabic 3
        ("FIRSTHAND_ANALYTICS_MIN_GROUP", "2", "3 or more (smaller groups would single people"),
        ("FIRSTHAND_EMV_CPM", "nan", "an amount of 0 or more, such as 8.5, not 'nan'"),
        ("FIRSTHAND_EMV_CPC", "-3", "an amount of 0 or more"),
        ("FIRSTHAND_EMV_CPC", "inf", "an amount of 0 or more"),
    ],
)
def test_an_unusable_number_is_refused_by_name(monkeypatch, tmp_path, name, value, says):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as refused:
        from_environment(str(tmp_path))
    assert str(refused.value).startswith(f"{name} must be ")
    assert says in str(refused.value)


def test_usable_numbers_and_blanks_are_taken(monkeypatch, tmp_path):
    monkeypatch.setenv("FIRSTHAND_TOKEN_MAX_AGE_DAYS", " 30 ")
    monkeypatch.setenv("FIRSTHAND_ANALYTICS_MIN_GROUP", "5")
    monkeypatch.setenv("FIRSTHAND_EMV_CPM", "12.5")
    monkeypatch.setenv("FIRSTHAND_PROXY_HOPS", "")  # set but blank: the default
    config = from_environment(str(tmp_path))
    assert config["TOKEN_MAX_AGE_DAYS"] == 30 and config["ANALYTICS_MIN_GROUP"] == 5
    assert config["EMV_CPM"] == 12.5 and config["PROXY_HOPS"] == 0
