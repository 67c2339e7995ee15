"""Sphinx configuration for threadkit's documentation.

Build it, offline and with warnings as errors, from the repository's root::

    .venv/bin/sphinx-build -W --keep-going -q -b html docs docs/_build/html

Pages are Markdown (MyST). Every code block in them is run by
``tests/test_docs.py``; the conventions are at the top of that file.
"""

from __future__ import annotations

import os
import sys
from importlib.metadata import version as _version
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "threadkit"
author = "The threadkit developers"
copyright = "2026, The threadkit developers"
release = _version("threadkit")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    # Local, in docs/_ext: the {threadkit-schema} and {optional-toctree} directives.
    "threadkit_docs",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "threadkit"
# Git keeps no empty folder: _static exists once something (a screenshot) is in it.
html_static_path = ["_static"] if (DOCS / "_static").is_dir() else []

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# Where {threadkit-schema} finds the JSON Schema files the package ships.
threadkit_schema_dir = str(ROOT / "src" / "threadkit" / "schema")

# The build must work without network access, so links to the documentation
# of Python and of the libraries threadkit uses are opt-in:
# THREADKIT_DOCS_INTERSPHINX=1 fetches their inventories.
if os.environ.get("THREADKIT_DOCS_INTERSPHINX"):
    extensions.append("sphinx.ext.intersphinx")
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "attrs": ("https://www.attrs.org/en/stable", None),
        "hypothesis": ("https://hypothesis.readthedocs.io/en/latest", None),
    }
nitpicky = False
