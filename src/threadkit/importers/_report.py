"""What an importer tells its caller about each article: the report and its parts.

:class:`ImportReport`, :class:`Repair` and :class:`UnloadedReplies` are public
(``threadkit`` re-exports them); they live here, apart from the importers'
machinery, so that naming them loads neither lxml nor an importer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import attrs

from threadkit.model import Article
from threadkit.tree import RebuildReport

__all__ = ["ImportReport", "Repair", "Reporter", "UnloadedReplies"]


@attrs.frozen(kw_only=True)
class UnloadedReplies:
    """A placeholder in an export for replies it does not hold.

    Reddit's ``more`` objects ("load more comments", "continue this thread")
    and the ids in a Hacker News item's ``kids`` that the export has no item
    for are placeholders: the platform has those replies, the file does not.

    .. versionadded:: 0.1
    """

    parent: str | None
    """The id of the comment the replies answer; ``None`` for the article itself."""
    ids: tuple[str, ...] = ()
    """The ids of the unloaded replies, as far as the export names them."""
    count: int | None = None
    """How many comments the platform says are behind the placeholder, replies to
    the replies included; ``None`` when it does not say: Reddit's "continue this
    thread" (whose ``count`` is always 0) and Hacker News ``kids``, which name
    the direct replies only."""


@attrs.frozen(kw_only=True)
class Repair:
    """A value an importer changed or left out so that the model accepts it.

    .. versionadded:: 0.1
    """

    where: str
    """What held the value, such as ``"comment d8r4im1: text"``."""
    message: str
    """What was wrong and what was done."""

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an importer found and did while reading one article.

    Pass ``report=callback`` to :func:`threadkit.load_all` (or any
    importer's reader) and the callback receives one report per article,
    just before that article is returned or yielded. ``reports.append``
    makes a good callback.

    .. versionadded:: 0.1
    """

    format: str
    """The importer's format name, such as ``"reddit"``."""
    index: int
    """The article's position in the source, from 0."""
    article: Article = attrs.field(repr=False, eq=False)
    """The article the report is about."""
    rebuild: RebuildReport
    """How the thread was rebuilt: orphans, duplicates, cycles, replies before their parent."""
    unloaded: tuple[UnloadedReplies, ...] = ()
    """Placeholders for replies the export does not hold, in the order met."""
    repairs: tuple[Repair, ...] = ()
    """Values changed or left out to fit the model, in the order met."""
    notes: tuple[str, ...] = ()
    """What the importer left out of the article or kept apart, no value
    repaired: pingbacks kept in ``extra["pingbacks"]``, items of the source
    that are not articles (WordPress media, menus, contact-form messages).

    .. versionadded:: 0.1
    """
    unloaded_total: int | None = None
    """How many comments the article lacks by the platform's own count of the
    whole thread, when it gives one: a Hacker News story's ``descendants`` less
    the comments read that are neither deleted nor dead. ``None`` otherwise.

    .. versionadded:: 0.1
    """

    @property
    def unloaded_count(self) -> int | None:
        """How many comments the export lacks, as the platform counts them; ``None`` when unknown.

        The platform's count of the whole thread (:attr:`unloaded_total`)
        when it gives one, else the sum of the placeholders' counts, ``0``
        when there is no placeholder; ``None`` ("unknown", never ``0``) when
        a placeholder's count is not given: then :attr:`unloaded_minimum`
        says how many at least.
        """
        if self.unloaded_total is not None:
            return self.unloaded_total
        total = 0
        for placeholder in self.unloaded:
            if placeholder.count is None:
                return None
            total += max(len(placeholder.ids), placeholder.count)
        return total

    @property
    def unloaded_minimum(self) -> int:
        """How many comments the export lacks at least: as many as the counts and ids tell.

        .. versionadded:: 0.1
        """
        if self.unloaded_total is not None:
            return self.unloaded_total
        return sum(max(len(p.ids), p.count or 0) for p in self.unloaded)

    @property
    def clean(self) -> bool:
        """Whether nothing was repaired, in the thread or in a value."""
        return self.rebuild.clean and not self.repairs

    def __str__(self) -> str:
        parts = [f"{self.format} article {self.index}: {self.rebuild}"]
        count = self.unloaded_count
        if self.unloaded or count:
            how_many = f"{count}" if count is not None else f"at least {self.unloaded_minimum}"
            parts.append(f"{len(self.unloaded)} placeholder(s) for {how_many} unloaded replies")
        if self.repairs:
            parts.append(f"{len(self.repairs)} value(s) repaired")
        parts.extend(self.notes)
        return "; ".join(parts)


Reporter: TypeAlias = Callable[[ImportReport], object]
"""A callback that receives each :class:`ImportReport`."""
