"""Configuration: .tendercheck.yaml discovery, profiles, params, enable/disable, waivers.

PLACEHOLDER (issue 3 replaces it): loads no rulebook yet, so checks produce no findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Config:
    rules: list = field(default_factory=list)
    params: dict = field(default_factory=dict)
    fail_on: str = "error"
    waivers: list = field(default_factory=list)
    name: str | None = None
    version: str | None = None

    def rulebook_info(self) -> dict:
        return {"name": self.name, "version": self.version, "rules": len(self.rules)}

    def notices(self) -> list[str]:
        return []


def load(options) -> Config:
    return Config(fail_on=options.fail_on or "error")


def for_document(base: Config, path, options) -> Config:
    return base
