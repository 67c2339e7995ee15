"""Sphinx configuration for threadkit's documentation."""

from __future__ import annotations

project = "threadkit"
author = "The threadkit developers"
copyright = "2026, The threadkit developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "threadkit"
html_static_path = ["_static"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", None),
}
# The build runs without network access: intersphinx inventories are optional.
intersphinx_disabled_reftypes = ["*"]
nitpicky = False
