"""Build an article and its comment thread from scratch, then write it out.

Every class is frozen and built by keyword; a reply lives inside the
``replies`` of the comment it answers. Constructors check their arguments, so
an article that exists can be written in every format.

Run it from the repository's root::

    $ python examples/build_thread.py
    Library Extends Weekend Hours
    [published: 2024-04-02T07:30:00-05:00]
    [site: Harlow Ledger]
    [tag: library]
    [tag: town services]

    Sunday opening starts in May, paid for by the Friends of the Library

    The Harlow Public Library will open on Sundays from noon to five starting in May.

    The Friends of the Library raised the money at this winter's book sale.

    Author: Dana Whitcombe

    Dana Whitcombe covers town government.

      • Marguerite Osei
        [published: 2024-04-02T08:05:00-05:00]
        [score: 14]

        Finally. Saturday mornings there are always packed.

        • Rosa Delgado
          [published: 2024-04-02T09:40:00-05:00]
          [score: 3]

          Sunday afternoons should spread the crowd out a bit.

          • Marguerite Osei
            [score: 1]

            Let's hope so. Thank you, Friends!

        •
          [state: removed]

      •

        Who is paying for the staff?
        And for how long?

    ---
    5 comments, 3 levels deep
      Marguerite Osei
        Rosa Delgado
          Marguerite Osei
        (anonymous) [removed]
      (anonymous)
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import threadkit
from threadkit import Article, Author, Comment, CommentState

EASTERN = timezone(timedelta(hours=-5))


def build() -> Article:
    """A short article with a three-level thread, one removed comment and one anonymous one."""
    return Article(
        title="Library Extends Weekend Hours",
        subtitle="Sunday opening starts in May, paid for by the Friends of the Library",
        body=(
            "The Harlow Public Library will open on Sundays from noon to five starting in May.\n\n"
            "The Friends of the Library raised the money at this winter's book sale."
        ),
        authors=(Author(name="Dana Whitcombe", bio="Dana Whitcombe covers town government."),),
        published=datetime(2024, 4, 2, 7, 30, tzinfo=EASTERN),
        site="Harlow Ledger",
        tags=("library", "town services"),
        comments=(
            Comment(
                text="Finally. Saturday mornings there are always packed.",
                author=Author(name="Marguerite Osei"),
                published=datetime(2024, 4, 2, 8, 5, tzinfo=EASTERN),
                score=14,
                replies=(
                    Comment(
                        text="Sunday afternoons should spread the crowd out a bit.",
                        author=Author(name="Rosa Delgado"),
                        published=datetime(2024, 4, 2, 9, 40, tzinfo=EASTERN),
                        score=3,
                        replies=(
                            Comment(
                                text="Let's hope so. Thank you, Friends!",
                                author=Author(name="Marguerite Osei"),
                                score=1,
                            ),
                        ),
                    ),
                    Comment(text="", state=CommentState.REMOVED),
                ),
            ),
            Comment(text="Who is paying for the staff?\nAnd for how long?"),
        ),
    )


def main() -> None:
    article = build()
    print(threadkit.dumps(article, format="text"))
    print("---")
    print(f"{article.comment_count} comments, {article.depth} levels deep")
    for visit in article.visits():
        author = visit.comment.author
        name = author.name if author is not None and author.name else "(anonymous)"
        state = "" if visit.comment.state is CommentState.VISIBLE else f" [{visit.comment.state}]"
        print("  " * visit.depth + f"{name}{state}")


if __name__ == "__main__":
    main()
