"""Shared test helpers: local servers, the CLI and daemon runners, shared data and builders.

Test modules import from here (``from helpers.feedserver import FeedServer``), never from one
another; pytest fixtures stay in ``tests/conftest.py``. pytest's default import mode puts
``tests/`` on ``sys.path`` (it has no ``__init__.py``), which makes ``helpers`` importable.
"""
