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


@pytest.fixture(scope="session")
def serve_db(tmp_path_factory: pytest.TempPathFactory, coder: Coder):
    """The API tests' store: a few sample articles through the real ingest, built once."""
    from servecorpus import build_store

    return build_store(tmp_path_factory.mktemp("serve"), coder)
