"""Importers: platforms' comment exports read into the model, one way.

One public module per platform, each a read-only format of the registry
(:data:`threadkit.formats.FORMATS`) with ``read(data, **options)``,
``sniff(head)`` and, where a source may hold several articles,
``read_all(data, **options)``:

- :mod:`threadkit.importers.reddit`: Reddit's comment listing JSON;
- :mod:`threadkit.importers.hackernews`: Hacker News items, Firebase or Algolia JSON;
- :mod:`threadkit.importers.mastodon`: Mastodon statuses and contexts;
- :mod:`threadkit.importers.disqus`: the Disqus XML export;
- :mod:`threadkit.importers.wordpress`: the WordPress WXR export.

What they share sits in private modules, layered so that each imports only
those above it in this list: ``_report`` (the public
:class:`~threadkit.ImportReport` and its parts), ``_options`` (the options
every importer takes, as one value), ``_clean`` (platform values made fit for
the model, each change a repair), ``_json_input`` and ``_xml_input`` (reading
the source), ``_assemble`` (the thread rebuilt and the article reported).

This module imports none of them: the registry loads an importer when it is
first used, so that ``import threadkit`` does not load lxml.

.. versionadded:: 0.1
"""
