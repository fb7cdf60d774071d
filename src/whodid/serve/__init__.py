"""The HTTP API and dashboard over a corpus store (``whodid serve``)."""

from whodid.serve.app import ServeState, create_app

__all__ = ["ServeState", "create_app"]
