"""``threadkit completion bash``: a completion script made from the parser itself.

So that it knows every command, option and format name, the script is
written from the parsers it is given, never by hand.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from threadkit.cli._common import format_type, output_format_type
from threadkit.formats import registered

__all__ = ["bash_completion"]

_BASH_COMPLETION = """\
# bash completion for threadkit, written by 'threadkit completion bash'
_threadkit() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local command=${COMP_WORDS[1]} words
    COMPREPLY=()
    case $prev in
%(values)s
    esac
    if [ "$COMP_CWORD" -eq 1 ]; then
        words='%(commands)s'
    elif [[ $cur == -* ]]; then
        case $command in
%(options)s
        esac
    else
        case $command in
%(words)s
            *) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        esac
    fi
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o filenames -F _threadkit threadkit
"""


def bash_completion(parsers: Mapping[str, argparse.ArgumentParser]) -> str:
    """The bash script for the commands *parsers* holds, naming every command and option."""
    by_reply: dict[str, set[str]] = {}
    options: list[str] = []
    words: list[str] = []
    for name, sub in parsers.items():
        flags: list[str] = []
        takes_files = False
        choices: list[str] = []
        for action in sub._actions:
            flags += action.option_strings
            if not action.option_strings:
                if action.choices is None:
                    takes_files = True
                else:
                    choices += [str(choice) for choice in action.choices]
            elif action.nargs != 0:
                # Formats are named; numbers are not guessed; anything else is a file.
                if action.type in (format_type, output_format_type):
                    writable_only = action.type is output_format_type
                    names = " ".join(
                        f.name for f in registered() if f.writable or not writable_only
                    )
                    reply = f'COMPREPLY=($(compgen -W "{names}" -- "$cur")); return'
                elif action.metavar == "N":
                    reply = "return"
                else:
                    reply = 'COMPREPLY=($(compgen -f -- "$cur")); return'
                by_reply.setdefault(reply, set()).update(action.option_strings)
        options.append(f"            {name}) words='{' '.join(sorted(flags))}' ;;")
        if not takes_files:
            words.append(f"            {name}) words='{' '.join(choices)}' ;;")
    values = [f"        {'|'.join(sorted(flags))}) {reply} ;;" for reply, flags in by_reply.items()]
    return _BASH_COMPLETION % {
        "values": "\n".join(values),
        "commands": " ".join([*parsers, "--help", "--version"]),
        "options": "\n".join(options),
        "words": "\n".join(words),
    }
