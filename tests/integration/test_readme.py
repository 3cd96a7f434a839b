"""The README's Python snippets run as written, against an emulator with the demo's tasks."""

from __future__ import annotations

import pathlib
import re
from typing import Any

import pytest

from trigger_client.cli._demo import register_demo_tasks
from trigger_client.emulator import Emulator

README = (pathlib.Path(__file__).resolve().parents[2] / "README.md").read_text()
SNIPPETS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)


def test_the_readme_has_its_snippets() -> None:
    assert len(SNIPPETS) == 14


@pytest.mark.parametrize("index", range(len(SNIPPETS)))
def test_snippet_runs(
    index: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Emulator() as emu:
        register_demo_tasks(emu)
        monkeypatch.setenv("TRIGGER_SECRET_KEY", emu.api_key)
        monkeypatch.setenv("TRIGGER_API_URL", emu.url)
        monkeypatch.setenv("TRIGGER_ACCESS_TOKEN", emu.personal_access_token)
        monkeypatch.setenv("TRIGGER_PROJECT_REF", emu.project_ref)
        namespace: dict[str, Any] = {"__name__": "readme"}
        exec(compile(SNIPPETS[index], f"README snippet {index}", "exec"), namespace)
        for name, value in namespace.items():
            if name.startswith("test_") and callable(value):
                value(emu)
        if "remove_hooks" in namespace:
            namespace["remove_hooks"]()  # the exit hooks the snippet installed, not for this test process
    if index == 0:
        assert "COMPLETED {'delivered': True, 'to': 'ada@example.com'}" in capsys.readouterr().out
