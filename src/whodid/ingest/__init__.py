"""Inputs to documents: plain text files, standard input and JSON Lines records."""

from whodid.ingest.readers import decode, read_inputs

__all__ = ["decode", "read_inputs"]
