"""Client configuration from arguments and the environment."""

from __future__ import annotations

import httpx
import pytest

from trigger_client import RetryPolicy, TriggerClient, ValidationError
from trigger_client._config import resolve_config


def test_missing_key_names_the_environment_variable() -> None:
    with pytest.raises(ValidationError, match="TRIGGER_SECRET_KEY") as info:
        resolve_config(environ={})
    assert info.value.field == "api_key"


def test_environment_is_read_and_arguments_win() -> None:
    env = {
        "TRIGGER_SECRET_KEY": "tr_prod_fromenv",
        "TRIGGER_API_URL": "http://self-hosted:3030/",
        "TRIGGER_PREVIEW_BRANCH": "feature/x",
    }
    config = resolve_config(environ=env)
    assert (config.api_key, config.base_url, config.preview_branch) == (
        "tr_prod_fromenv",
        "http://self-hosted:3030",
        "feature/x",
    )
    config = resolve_config(api_key="tr_dev_arg", base_url="https://other", preview_branch="b", environ=env)
    assert (config.api_key, config.base_url, config.preview_branch) == ("tr_dev_arg", "https://other", "b")


def test_defaults() -> None:
    config = resolve_config(api_key="tr_dev_x", environ={})
    assert config.base_url == "https://api.trigger.dev"
    assert config.preview_branch is None
    assert config.timeout == httpx.Timeout(60.0, connect=10.0)
    assert config.retry == RetryPolicy()


def test_preview_keys_need_a_branch() -> None:
    with pytest.raises(ValidationError, match="TRIGGER_PREVIEW_BRANCH"):
        resolve_config(api_key="tr_preview_abc", environ={})
    assert (
        resolve_config(api_key="tr_preview_abc", preview_branch="pr-7", environ={}).preview_branch == "pr-7"
    )


@pytest.mark.parametrize("url", ["api.trigger.dev", "ftp://x", "", "http://"])
def test_malformed_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="base URL") as info:
        resolve_config(api_key="tr_dev_x", base_url=url or " ", environ={})
    assert info.value.field == "base_url"


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"timeout": -1}, "timeout"), ({"max_retries": -1}, "max_retries")]
)
def test_invalid_numbers_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        resolve_config(api_key="tr_dev_x", environ={}, **kwargs)


def test_key_is_not_in_reprs() -> None:
    client = TriggerClient("tr_dev_supersecret", base_url="http://localhost:1")
    assert "tr_dev_supersecret" not in repr(client)
    assert "tr_dev_supersecret" not in repr(client._config)
    client.close()
