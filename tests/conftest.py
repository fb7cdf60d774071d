"""Shared fixtures: the NLP resources are loaded once for the whole test session."""

from __future__ import annotations

import pytest

from whodid import Coder, Resources


@pytest.fixture(scope="session")
def resources() -> Resources:
    return Resources.load()


@pytest.fixture(scope="session")
def coder(resources: Resources) -> Coder:
    return Coder(resources)
