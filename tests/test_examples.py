"""The bundled sample article and the example scripts in ``examples/``.

Each script's docstring shows a command and what it prints; the tests run
that command and compare. The sample's expected structure is written out by
hand from the file.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import threadkit
from threadkit import Author, CommentState

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLE = EXAMPLES / "sample.txt"
SCRIPTS = sorted(path.name for path in EXAMPLES.glob("*.py"))


def documented_run(script: str) -> tuple[list[str], str]:
    """The command an example's docstring shows, and the output it shows for it.

    The docstring ends with a literal block whose first line is ``$ COMMAND``
    and whose other lines are the output, indented four spaces.
    """
    docstring = ast.get_docstring(ast.parse((EXAMPLES / script).read_text("utf-8")))
    assert docstring is not None, f"{script} has no docstring"
    lines = docstring.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("    $ ")]
    assert len(starts) == 1, f"{script} should show exactly one command"
    command = shlex.split(lines[starts[0]].removeprefix("    $ "))
    output = [line.removeprefix("    ") for line in lines[starts[0] + 1 :]]
    return command, "\n".join(output).rstrip("\n") + "\n"


def run_documented(script: str, cwd: Path, *, quiet: bool = True) -> tuple[str, str]:
    """Run the docstring's command of *script* in *cwd*; return what it printed and should have.

    With *quiet*, standard error must be empty too.
    """
    command, expected = documented_run(script)
    assert command[:2] == ["python", f"examples/{script}"]
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *command[2:]],
        cwd=cwd,
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    if quiet:
        assert result.stderr == b""
    # Trailing spaces (which pandas pads its tables with) cannot be kept in a docstring.
    printed = "\n".join(line.rstrip() for line in result.stdout.decode("utf-8").split("\n"))
    return printed, expected


# -- the sample article --------------------------------------------------------------


def test_the_sample_reads_as_the_thread_it_was_written_to_be() -> None:
    article = threadkit.load(SAMPLE)
    assert article.title == (
        "Harlow Council Approves Protected Bike Lane on Mill Street in 5–4 Vote"
    )
    assert article.subtitle == (
        "After a year of hearings, councillors back a two-way cycle track; "
        "31 parking spaces will go and work could start in April"
    )
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Harlow’s town council voted 5–4 on Tuesday night")
    assert paragraphs[4].endswith("near the Church Lane intersection.")
    assert article.authors == (
        Author(
            name="Dana Whitcombe",
            bio="Dana Whitcombe covers town government, schools and transportation for the "
            "Harlow Ledger. She rides Mill Street most mornings and drives it most evenings.",
        ),
    )
    assert article.comment_count == 12
    assert len(article.comments) == 5
    assert article.depth == 3

    names = [
        (visit.depth, visit.comment.author.name if visit.comment.author else None)
        for visit in article.visits()
    ]
    assert names == [
        (1, "Pete Lindqvist"),
        (2, "Rosa Delgado"),
        (3, "Pete Lindqvist"),
        (2, "hwilkins"),
        (1, "Marguerite Osei"),
        (2, "TomFromTheHill"),
        (3, "Marguerite Osei"),
        (1, None),
        (1, "Sam Ferreira"),
        (2, "Dana Whitcombe"),
        (1, "bikedad42"),
        (2, "Jonah P."),
    ]
    for comment in article.walk():
        assert comment.state is CommentState.VISIBLE
        assert comment.published is None
        assert comment.score is None


def test_the_sample_has_an_authorless_comment_and_multi_line_texts() -> None:
    pete, marguerite, anonymous, _, _ = threadkit.load(SAMPLE).comments
    assert anonymous.author is None
    assert anonymous.replies == ()
    assert anonymous.text == (
        "Another decision made before the public hearing even started. "
        "Five minutes of comments each, and they had the motion typed up already."
    )
    assert len(pete.text.split("\n\n")) == 2
    assert len(marguerite.text.split("\n\n")) == 3
    assert marguerite.text.endswith("\n\nThank you to the five who voted yes.")
    tom = marguerite.replies[0]
    assert tom.text == (
        "Funny how the safety argument only shows up when there’s grant money to spend.\n"
        "The crosswalk outside that school has been faded for three years.\n"
        "Nobody needed $1.2 million to repaint it."
    )


def test_the_sample_file_is_plain_lf_text_in_canonical_form() -> None:
    data = SAMPLE.read_bytes()
    assert b"\r" not in data
    assert b"\t" not in data
    assert data.endswith(b".\n")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert all(line == line.rstrip() for line in data.decode("utf-8").split("\n"))
    # Writing what was read gives the file back byte for byte.
    assert threadkit.dumps(threadkit.load(SAMPLE), format="text").encode("utf-8") == data


# -- the scripts ---------------------------------------------------------------------


def test_the_readme_lists_every_example() -> None:
    readme = (EXAMPLES / "README.md").read_text("utf-8")
    assert SCRIPTS == [
        "build_thread.py",
        "convert_folder.py",
        "csv_format.py",
        "dask_convert.py",
        "property_test_renderer.py",
        "thread_stats.py",
        "to_dataframe.py",
    ]
    for name in [*SCRIPTS, "sample.txt"]:
        assert f"[`{name}`]({name})" in readme


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_example_documents_one_command(script: str) -> None:
    command, output = documented_run(script)
    assert command[:2] == ["python", f"examples/{script}"]
    assert output.strip()


def test_build_thread() -> None:
    printed, expected = run_documented("build_thread.py", ROOT)
    assert printed == expected
    # What it prints first is the text document of the article it builds.
    document, summary = printed.split("\n---\n")
    assert threadkit.loads(document, format="text") == load_example("build_thread").build()
    assert summary.startswith("5 comments, 3 levels deep\n")


def load_example(name: str) -> Any:
    """Import ``examples/NAME.py`` as a module, without running its ``main()``."""
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_convert_folder(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    shutil.copy(SAMPLE, tmp_path / "examples" / "sample.txt")
    (tmp_path / "examples" / "notes.md").write_text("not an article\n", "utf-8")
    printed, expected = run_documented("convert_folder.py", tmp_path)
    assert printed == expected
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["sample.json"]
    assert threadkit.load(tmp_path / "out" / "sample.json") == threadkit.load(SAMPLE)


def test_convert_folder_reports_bad_files_and_keeps_existing_outputs(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(SAMPLE, source / "a.txt")
    (source / "b.json").write_text("{not json", "utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "c.html").write_text("old", "utf-8")
    shutil.copy(SAMPLE, source / "c.txt")
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "convert_folder.py"), "in", "out", "--to", "html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == "in/a.txt -> out/a.html (12 comments)\n1 converted, 2 failed\n"
    # The example's lines only: Dask may log shutdown noise there too (see above).
    errors = [line for line in result.stderr.splitlines() if line.startswith("in/")]
    assert len(errors) == 2
    assert errors[0].startswith("in/b.json: ")
    assert errors[1] == "in/c.txt: out/c.html exists; use --force to replace it"
    assert (tmp_path / "out" / "c.html").read_text("utf-8") == "old"
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["a.html", "c.html"]


def test_dask_convert(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "examples").mkdir()
    shutil.copy(SAMPLE, tmp_path / "examples" / "sample.txt")
    # Dask's own logging may write to standard error when its cluster shuts
    # down slowly on a loaded machine (an asyncio "Future exception was never
    # retrieved ... TimeoutError", seen once in CI); the example reports a
    # failed file on standard error only with exit status 1, which
    # run_documented checks.
    printed, expected = run_documented("dask_convert.py", tmp_path, quiet=False)
    assert printed == expected
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["sample.json"]
    assert threadkit.load(tmp_path / "out" / "sample.json") == threadkit.load(SAMPLE)


def test_dask_convert_writes_each_article_and_reports_bad_files(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(SAMPLE, source / "a.txt")
    export = ROOT / "tests" / "data" / "importers" / "disqus_export.xml"
    shutil.copy(export, source / "b.xml")
    (source / "c.json").write_text("{not json", "utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "d.html").write_text("old", "utf-8")
    shutil.copy(SAMPLE, source / "d.txt")
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "dask_convert.py"), "in", "out", "--to", "html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == (
        "in/a.txt -> out/a.html\n"
        "in/b.xml -> out/b-1.html, out/b-2.html, out/b-3.html\n"
        "converted 2 of 4 files into out (4 articles); 2 failed\n"
    )
    # The example's lines only: Dask may log shutdown noise there too (see above).
    errors = [line for line in result.stderr.splitlines() if line.startswith("in/")]
    assert len(errors) == 2
    assert errors[0].startswith("in/c.json: ")
    assert errors[1] == "in/d.txt: out/d.html exists; use --force to replace it"
    assert (tmp_path / "out" / "d.html").read_text("utf-8") == "old"
    # The export's threads, in the order of the file (read by hand).
    titles = [threadkit.load(tmp_path / "out" / f"b-{n}.html").title for n in (1, 2, 3)]
    assert titles == ["Bridge vote passes", "A story nobody discussed", "Disqus thread 300"]


def test_dask_convert_says_what_it_needs_without_distributed() -> None:
    code = (
        "import runpy, sys; sys.modules['distributed'] = None; "
        f"runpy.run_path({str(EXAMPLES / 'dask_convert.py')!r}, run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "this example needs Dask's distributed scheduler: pip install distributed\n"
    )


def test_thread_stats() -> None:
    printed, expected = run_documented("thread_stats.py", ROOT)
    assert printed == expected
    # Counted by hand in examples/sample.txt.
    rows = {line[:17].strip(): line[17:].split() for line in printed.splitlines()[5:]}
    assert rows["Pete Lindqvist"] == ["2", "105", "2", "3"]
    assert rows["(anonymous)"] == ["1", "22", "0", "1"]
    assert rows["Jonah P."] == ["1", "12", "0", "2"]
    assert len(rows) == 10


def test_to_dataframe() -> None:
    pytest.importorskip("pandas")
    printed, expected = run_documented("to_dataframe.py", ROOT)
    assert printed == expected


def test_to_dataframe_says_what_it_needs_without_pandas() -> None:
    # Run the script with pandas made unimportable, whether or not it is installed.
    code = (
        "import runpy, sys; sys.modules['pandas'] = None; "
        f"runpy.run_path({str(EXAMPLES / 'to_dataframe.py')!r}, run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "this example needs pandas: pip install pandas\n"


def test_property_test_renderer() -> None:
    if importlib.util.find_spec("hypothesis") is None:
        pytest.skip("Hypothesis is not installed")
    printed, expected = run_documented("property_test_renderer.py", ROOT)
    assert printed == expected


# -- the README ------------------------------------------------------------------------


def _readme_blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def test_the_readme_examples_run_as_written(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    data = tmp_path / "tests" / "data" / "importers"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / "importers" / "disqus_export.xml", data)
    (code,) = _readme_blocks("python")
    with contextlib.chdir(tmp_path), contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "README.md", "exec"), {})
    (sample_html := tmp_path / "sample.html").unlink()
    commands = [
        line
        for block in _readme_blocks("sh")
        for line in block.splitlines()
        if line.startswith("threadkit ")
    ]
    assert len(commands) == 8
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in commands:
        result = subprocess.run(
            command, shell=True, cwd=tmp_path, env=env, capture_output=True, timeout=120
        )
        assert (command, result.returncode, result.stderr) == (command, 0, b"")
    assert sample_html.exists()
    assert sorted(os.listdir(tmp_path / "out")) == [
        "disqus_export-1.json",
        "disqus_export-2.json",
        "disqus_export-3.json",
        "sample.json",
    ]
