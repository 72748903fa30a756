"""Documentation stays complete: every CLI command and every setting appears in the README."""
from dataclasses import fields
from pathlib import Path

import pytest

from api.cli import EXAMPLES, _parser
from api.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    sub = next(a for a in _parser()._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[union-attr]


@pytest.mark.parametrize("command", commands())
def test_every_command_has_an_example_and_is_documented(command: str) -> None:
    assert command in EXAMPLES, f"policykg {command} has no example in its help"
    assert f"policykg {command}" in README, f"README does not document `policykg {command}`"


@pytest.mark.parametrize("name", [f.name for f in fields(Settings)])
def test_every_setting_is_documented(name: str) -> None:
    assert f"POLICYKG_{name.upper()}" in README, f"README does not document POLICYKG_{name.upper()}"


def test_settings_from_env_and_overrides() -> None:
    s = Settings.from_env({"POLICYKG_DATA_DIR": "/x", "POLICYKG_MAX_K": "7", "POLICYKG_INDEX_ON_INGEST": "false"}, max_k=9)
    assert (str(s.data_dir), s.max_k, s.index_on_ingest) == ("/x", 9, False)
    with pytest.raises(ValueError, match="POLICYKG_PORT='eighty' is not a valid int"):
        Settings.from_env({"POLICYKG_PORT": "eighty"})
