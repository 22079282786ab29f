"""Names changed in an edited line: a command, package, parameter, option, field or path.

An edited line is a line and its other version (``Document.pairs``). Inside a code sample
every token counts; in prose and tables only what is marked as code (a code span) or shaped
like an option (``--name``, ``-Name``), so that rewording never reads as a rename. Versions, dates
and other numbers are left to ``versions``: a token that holds one, or differs only in its
digits, is no rename.

Not every changed name is a rename readers must follow (RUBRIC.md, "Corrections versus
changes"). ``name_corrected`` marks a name whose case or spelling was fixed (``callback`` →
``callBack``, ``Get-AzConext`` → ``Get-AzContext``): what the reader relied on was never the
typo. ``sample_changed`` marks what a sample chose for itself: a name the sample defines (a
variable, a class, a function), a quoted value (``"os*"`` → ``"*version"``), the path of a
file a line pulls in (``{!./src/a.py!}``, ``--8<-- "a.md"``), the text of a link that now
points elsewhere. Neither is something readers type or call from the product.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from difflib import SequenceMatcher

from insight.analysis.document.read import Document
from insight.analysis.document.reading import LINK_DEFINITION
from insight.analysis.document.spelling import TYPO_DISTANCE, distance, typo_fixed
from insight.analysis.document.words import EDITS_KEPT, OPPOSITES, mentions, short, without_tags
from insight.models import Signal

MAX_RENAMES = 12
"""Renames named per document; a rewrite of a whole sample is ``code_changed``."""
_CODE_ZONES = frozenset(("code",))
_PROSE_ZONES = frozenset(("text", "entry", "table", "heading"))
_CODE_TOKEN = re.compile(r"--?[^\W\d][\w-]*|[\w$@][\w.$@:/\\+-]*\w|\w")
_WORDS_OUTSIDE_ASCII = re.compile(r"\w*[^\x00-\x7f]\w*")
"""A word with a letter outside ASCII (``opération``): language, not a name (``_code_tokens``)."""
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
"""A letter of the Latin alphabet, accented ones too (``café``)."""
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
"""A code span as CommonMark reads it: a run of backticks up to the next run of as many
(``` `` `${root}/…` `` ``` holds a template string with its backticks)."""
_OPTION = re.compile(r"(?<![^\s(\[\"'>])--?[A-Za-z][\w-]*[A-Za-z]")
"""A word shaped like an option in prose (``--force``, ``-Path``): a dash after a space, an
opening bracket or quote, a tag (``<code>--force</code>``), not one that joins a word to what
stands before it (a compound: "`pytest`-Konvention", "**FastAPI**-Anwendungen")."""
_DIGITS = re.compile(r"\d+")
_OPTION_VALUE = re.compile(
    r"(?<![\w`-])(--?[A-Za-z][\w-]*)(?:=|[ \t]+)([^\s\"'`|;&<>()=-][^\s\"'`|;&<>()]*)"
)
"""A parameter of a command line and the value given to it (``-Name web``, ``--file=a.yml``)."""
_WORDS_OF = re.compile(r"[^\W_]+")
_FILE_VALUE = re.compile(r"[/\\]|\.[A-Za-z]")
"""A value that names a file or a folder (``./config.yaml``, ``C:\\temp``): where a sample
keeps its own data. (Elsewhere, a bare word after an option may be an argument a flag stands
before: ``--json onlyBuiltDependencies`` names a setting.)"""
_PROGRAM = re.compile(r"[a-z][\w.-]*")
"""A program's name as a command line starts with it (``npm``, ``python3``, ``docker-compose``)."""
_SHORT_OPTION = re.compile(r"-[A-Za-z]")
_LONG_OPTION = re.compile(r"--[a-z][\w-]*")
_VERSION = re.compile(r"\d[.-]\d|\d\.[xX*](?![A-Za-z])")
"""A token holding a version or a date (``5.4.0``, ``5.x.x``): ``version_changed`` reads it."""
_PIN = re.compile(r"(?<=\w)(?:@|==)v?\d[\w.+-]*$")
"""A package pinned to a version (``prettier@3.9.6``, ``httpx==0.28.1``): the package's name
is what readers type, the version is read elsewhere."""
_HASH = re.compile(r"[0-9A-Fa-f]{16,}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-")
"""A token holding a hash, a thumbprint, a key or a GUID: a value a sample gives, no name."""
_VERB_NOUN = re.compile(r"[A-Z][a-z]+-[A-Z][A-Za-z]+")
"""A command named ``Verb-Noun`` (``Where-Object``)."""
_ENCODED = re.compile(r"[A-Za-z0-9+/]{24,}={0,2}")
"""A run of base64 characters (a secret's data, a key) when it mixes cases and digits as
encoded bytes do (``aHR0cHM6Ly9kdW1teS1p…``): a value a sample gives, no name."""
_SETTING = re.compile(r"^\s*(?:[-\[]\s*)*((?:--?)?[A-Za-z_][\w.-]*)\s*(?:[:=]|\s+<|$)")
_PLACEHOLDER = re.compile(r"<[\w\[\]. -]+>|^\s*\[")
"""A reference or syntax block names a value's kind (``<string>``) or marks it optional
(``[ key: … ]``); a sample gives values."""
_COMMENT = re.compile(r"^\s*(?:#|//|--\s|<!--|REM\s)")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
"""A variable set for the command that follows it (``APP_NAME=demo app run``)."""
RUNNER_WORDS = 3
"""Words a runner put in front of a command may take (``uv run``, ``npx``, ``poetry run``)."""
_PROMPT = re.compile(r"^\s*(?:PS [^>]*>|\$ |> |>>> |C:\\[^>]*>)")
PULLS_IN = re.compile(
    r"\{!.*!\}|\{\*.*\*\}|--8<--|\[!(?:INCLUDE|code-\w+)|:::code\b|^\s*<<<\s|\{%-?\s*include"
    r"|\{\{[<%]\s*(?:include|readfile|code)|\{\{#(?:include|rustdoc_include|playground)\b",
    re.IGNORECASE,
)
"""A line that pulls another file into the page: the path it names is the site's own."""
_QUOTED = re.compile(r"(?<![\w\\])(['\"`])((?:(?!\1).)*)\1(?!\s*[:=])")
"""A quoted value in code (not a key: one that a colon or equals sign follows)."""
_DEFINED = (
    r"(?:\b(?:class|struct|interface|enum|record|def|function|func|fn|sub|var|let|const|val"
    r"|dim|type|namespace|void|int|char|bool|float|double|long|short|unsigned|auto)"
    r"\s+[*&]?[$@]?{name}\b|[$]{name}\s*=(?!=)|\b{name}\s*:="
    r"|\bfor\s+[$@]?{name}\s+in\b|\bas\s+[$@]?{name}\b|([\"']){name}\1|\b{name}\s*=>"
    r"|\((?:[^()]*[,{{\[])?\s*[$@]?{name}\b[^()]*\)\s*(?:\{{|=>|:))"
    r"|\b(?:const|let|var|val)\s*[{{\[][^=;]*?\b{name}\b[^=;]*?[}}\]]\s*=(?!=)"
    r"|[\w*\]]>\s+[*&]?{name}\s*(?:;|=(?!=)|\{{)"
)
"""Where a sample defines a name of its own: a declaration (``class``, ``def``, ``var``,
``namespace``…, a C-family variable or function of a built-in type: ``int k;``,
``void func()``, or of a generic type: ``std::vector<RouteNote> notes;``), a parameter of a
function it defines (``config(opts) {``, ``({ ctx }) =>``, ``def f(opts):``,
``returns => [Post]``), a variable set
(``$name = …``, ``name := …``), a loop variable, an alias (``as name``), a name it passes as
a quoted value (``Func("funSkill", …)``), a name it takes apart from an object or a list
(``const { alt, src } = Astro.props``); a ``Key = value`` line sets a setting, which readers
type."""
_KEYWORDS = frozenset(
    (
        *("class", "struct", "interface", "enum", "union", "inline", "virtual", "static"),
        *("const", "constexpr", "volatile", "mutable", "extern", "public", "private"),
        *("protected", "internal", "sealed", "abstract", "override", "final", "async"),
        *("await", "var", "let", "val", "def", "function", "return", "void", "auto"),
        *("as", "export", "typeof", "keyof", "instanceof", "try", "catch", "throw", "yield"),
        *("extends", "implements", "readonly", "declare", "satisfies"),
    )
)
"""Words of a programming language's own syntax (``class`` → ``struct``, ``inline`` →
``virtual`` in a compiler error's example; ``as`` or ``try`` gone when a sample is written
anew): no name a reader types from the docs."""
_CONTROL_WORDS = frozenset(
    (
        *("if", "else", "elif", "elseif", "elsif", "then", "for", "while", "until", "do"),
        *("switch", "case", "break", "continue", "return", "finally", "with", "end", "in"),
        *("is", "not", "and", "or"),
    )
)
"""The words that steer a program in most languages: a name traded for one (``→ true``
printed, then ``{{ if … }}`` tested) renames nothing. A language may still trade one
declaration word for another (Q#'s ``newtype`` → ``struct``), and its literals are values
(``Default value: None`` → ``True`` is a default changed)."""
_TYPE_WORDS = frozenset(
    ("any", "unknown", "never", "string", "number", "boolean", "object", "bigint", "symbol")
)
"""TypeScript's own types: an annotation a sample gains or drops (``(a: any, b: any)``,
``(message: string) =>``) is its syntax, no name a reader types."""
_CHAINED = re.compile(r"&&|;")
"""What chains commands on one line of a shell."""
_PYTHON = frozenset(("python", "py", "python3", "py3", "pycon", "ipython", "pyi"))
_TYPING_FORMS = frozenset(("Union", "Optional"))
"""Python's older spellings of a type that ``|`` now writes (``Union[str, int]`` →
``str | int``, ``Optional[Item]`` → ``Item | None``): the same type, no name readers call."""
_SWITCH = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)(?=[ \t]*(?:$|[|;&)\\]|--?[A-Za-z]))")
"""An option of a command line that takes no value: another option, a pipe or the line's end
follows it (``--locked``, ``-Force``)."""
IMPORT_LINE = re.compile(
    r"^\s*(?:import\b|from\s+\S+\s+import\b|using\s+[\w.]+\s*;|#include\b|@import\b|use\s+[\w:]+"
    r"|(?:const|let|var)\s+\{?[\w\s,]+\}?\s*=\s*require\()"
)
"""A line that imports names into a sample. Names only added or only dropped there (an unused
import dropped, one added for a name the sample now uses) follow the sample: housekeeping; a
module or namespace replaced by another is a rename readers must follow."""
_IMPORTED_FROM = re.compile(
    r"^\s*(?:from\s+(\S+)\s+import\b|import\b.*\bfrom\s+(\S+)"
    r"|(?:const|let|var)\s+[^=]+=\s*require\(\s*([^\s)]+)\s*\))"
)
"""The module of an import that names what it takes from it (``from m import a``, JavaScript's
``import a, {b} from 'm'`` and ``const a = require('m')``): the same module on both lines
(a CommonJS sample turned into an ES module one), the names taken follow the sample."""
_PROSE_LINE = re.compile(r"^\s*[A-Z][a-z']+(?: [A-Za-z'][a-z']*,?){4,}[.:!?]?\s*$")
"""A line of a code block that is a sentence: capitalised words and spaces, no code."""
_WORD_RUN = re.compile(r"(?:[A-Za-z']+,? ){4,}[A-Za-z']+")
"""Five words or more with spaces between them (a comma after one allowed)."""
_CHOICES = re.compile(r"[\w.-]+(?:\|[\w.-]+)+")
"""Names separated by ``|``: choices of a syntax line."""
_LINK_TEXT = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_XED_OUT = re.compile(r"(?<![A-Za-z])(?:xxx+|XXX+)(?![A-Za-z])")
"""A value written as a placeholder of x's (``pod-xxxxxxxxx-xxxxx``, ``XXXX``)."""
_PLACEHOLDER_NAME = re.compile(r"<[^<>]+>|\{[^{}]+\}|\[[^\[\]]+\]")
"""A placeholder readers replace with their own value: ``<name>``, ``{name}``, ``[name]``."""
_OPTION_GIVEN = r"(?<![\w-])--?[A-Za-z][\w-]*\]?[ \t]+"
"""An option followed by what it is given (``-Last <int>``, ``[-Property] <Object[]>``)."""
_NAMED_PLACEHOLDER = re.compile(
    r"<[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+>|\{[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*\}"
)
"""A placeholder named in small letters: ``<target-triple>`` (words joined by ``-`` or ``_``:
``<div>`` is a tag, ``<String>`` a type), ``{version}``."""
_FILL_IN = re.compile(r"<[\w-]+>|\{[\w-]+\}")
"""A placeholder inside a value (``…/<image>:latest``, ``app-{name}``)."""
_SCHEME = re.compile(r"^(?:http|ws)s?://")
"""An address's scheme: the same address over TLS or not (``http://`` → ``https://``)."""
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""An email address: in a sample, one readers put their own in place of."""
FIGURE_LANGUAGES = frozenset(("mermaid", "plantuml", "puml", "dot", "graphviz", "svg", "ascii"))
"""Fenced blocks that draw a figure rather than show code readers type."""
_OUTPUT_LANGUAGES = frozenset(("output", "result", "results", "log", "stdout"))
"""Fenced blocks that show what a command printed: nothing readers type."""
PLAIN_LANGUAGES = frozenset(("text", "txt", "plaintext"))
"""Fenced blocks of plain text (a compiler's message, a file tree, a sample address): words
to read, not names of a language readers type."""
_NOT_TYPED = FIGURE_LANGUAGES | PLAIN_LANGUAGES
"""Fenced blocks whose lines hold no name readers type (besides output: ``shows_output``)."""
SHELLS_OF_PREFIXES = frozenset(("powershell", "pwsh", "ps", "ps1", "azurepowershell"))
"""Languages whose shell takes any unambiguous start of a parameter's name (``-Module`` for
``-ModuleName``)."""
COMMAND_LANGUAGES = SHELLS_OF_PREFIXES | {
    *("bash", "sh", "shell", "zsh", "fish", "console", "terminal", "shell-session"),
    *("cmd", "bat", "azurecli", "nu", "nushell"),
}
"""Languages of blocks that hold commands readers type in a shell."""
_HASH_COMMENTS = COMMAND_LANGUAGES - {"cmd", "bat"} | {
    *("yaml", "yml", "python", "py", "toml", "ruby", "rb", "r", "perl"),
    *("dockerfile", "docker", "makefile", "make", "hcl", "terraform", "tf", "conf", "nginx"),
}
"""Languages whose comments start with ``#``."""
_SLASH_COMMENTS = frozenset(
    (
        *("js", "javascript", "jsx", "ts", "typescript", "tsx", "mjs", "cjs", "java", "kotlin"),
        *("kt", "c", "cpp", "c++", "h", "cs", "csharp", "c#", "go", "golang", "rust", "rs"),
        *("swift", "php", "scala", "dart", "groovy", "jsonc", "json5", "fsharp", "fs"),
    )
)
"""Languages whose comments start with ``//``."""
_FENCE_LANGUAGE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*([\w-]+)", re.MULTILINE)
SESSION_LANGUAGES = frozenset(("console", "shell-session", "sh-session", "terminal"))
"""Fenced blocks of a terminal session: what follows a prompt is typed, the rest printed."""
_SHELLS = SESSION_LANGUAGES | COMMAND_LANGUAGES
"""Blocks whose lines that follow no prompt, beside lines that do, are what was printed."""
_TYPED = re.compile(r"^[ \t>]*(?:[$%]|PS(?: [^>\n]*)?>|>>>)[ \t]", re.MULTILINE)
"""A line of a terminal session that follows its prompt (``$ cargo run``, ``PS> Get-Date``,
``>>> import os``), in a quote too."""
SHELL_PROMPT = re.compile(r"^\s*(?:\$|PS(?: [^>\n]*)?>)[ \t]+")
"""The prompt a shell shows before a command (``$ ``, ``PS> ``, ``PS C:\\> ``): a sample's
lines are compared and quoted without it. (``_PROMPT``, dropped before a line's names are
read, takes a REPL's ``>>> `` and a quote's ``> `` too.)"""
_QUOTE_START = re.compile(r"[ \t]*>")
"""A line that stands in a quote."""
_ANGLE_TYPED = re.compile(r"^[ \t]*>[ \t]", re.MULTILINE)
"""A line that follows a bare ``>`` prompt (nushell's ``> ls | length``): in a shell's block
that stands in no quote (elsewhere ``>`` marks a quote: a Markdown sample's, the page's)."""
_FENCE = re.compile(r"^[ \t>]*(?:```|~~~)", re.MULTILINE)
_ESCAPE = re.compile(r"\\(?=[^\w\s])")
r"""A Markdown backslash escape (``\<ConsoleFile\>``)."""
_LETTER = re.compile(r"[^\W\d_]")
_NAME_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_DOTS = re.compile(r"\.")
_SENTENCE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){3,}")
"""Four plain words or more: "kvs is empty when count is requested"."""
_TYPOGRAPHY = str.maketrans(
    {"…": "...", "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"}
)
"""Typographic signs as they are typed on a keyboard."""
_PATHS = re.compile(r"\S*[/\\]\S*")
"""Addresses and paths: a word in them is part of a name, not a statement."""
_CONTRACTION = re.compile(r"\b(\w+?)n't\b")
_COLOUR = re.compile(r"(?<![\w&])#(?:[0-9A-Fa-f]{3,4}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})(?![\w-])")
"""A colour a sample sets (``#a2d2ff``, ``#fff``): a value it gives, no name."""
_UNCONTRACTED = {"wo": "will", "ca": "can", "sha": "shall"}
"""The verbs a negation contracts out of shape (``won't``)."""
_AROUND = "-$@:()[]{}\"'`"
"""Signs that stand around a name without making another name of it: a dash, a sigil, a
scope colon, brackets, quotes."""
_FALLBACKS = ("??", "||", " or")
"""What puts a first choice before a value it falls back to (JavaScript's and Python's)."""
DEFAULT_REACH = 3
"""Words at most between the words that say a default and the value they give."""
SPELLED_NAME = 120
"""The longest text compared letter by letter as a name whose spelling was fixed."""


def detect_identifiers(document: Document) -> list[Signal]:
    """``identifier_renamed`` for a name replaced by another in an edited line, and
    ``code_line_changed`` for a sample line that gained or lost names without a replacement."""
    signals: list[Signal] = []
    seen: set[tuple[str, str]] = set()
    bags: dict[tuple[int, int, Callable[[str], list[str]]], tuple[set[str], set[str]]] = {}
    defaults = document.lexicon.pattern("defaults")
    small = document.lexicon.values("sentence_words")
    for index, hunk in enumerate(document.hunks):
        for old, new in document.pairs(index):
            zones = (document.zone("old", index, old), document.zone("new", index, new))
            in_code = zones[0] in _CODE_ZONES and zones[1] in _CODE_ZONES
            found = document.code_lines.get(("new", index, new)) if in_code else None
            language = _language(found)
            if found is not None and document.lists_options("new", found[1]):
                continue  # a command's help: its options are compared by ``detect_code``
            properties = found is not None and document.lists_properties("new", found[1])
            if language in _NOT_TYPED or (
                found is not None and shows_output(document, "new", *found)
            ):
                continue  # a diagram's labels, a command's output, a log, plain text: nothing typed
            if language in _SHELLS and _printed(document, index, old, new):
                continue  # what a command of a terminal session printed
            if not in_code and not (zones[0] in _PROSE_ZONES and zones[1] in _PROSE_ZONES):
                continue
            old_text, new_text = hunk.lines[old].text, hunk.lines[new].text
            if not in_code and (LINK_DEFINITION.match(old_text) or LINK_DEFINITION.match(new_text)):
                continue  # a link's definition ("[`publish`]: /url") shows nothing: its target
            if in_code and (_COMMENT.match(old_text) or _COMMENT.match(new_text)):
                continue
            if in_code and _in_block_comment(document, index, old, new):
                continue  # a function's help, a doc comment: wording
            if in_code and _PROSE_LINE.match(old_text) and _PROSE_LINE.match(new_text):
                continue  # a sentence inside a block (a message, help text): wording
            if in_code and either_quote(language, old_text) == either_quote(language, new_text):
                continue  # the same line in the other quotes: a formatter's style
            reader = _code_tokens if in_code else _marked_tokens
            lost, gained = map(list, _changed_tokens(in_code, language, old_text, new_text))
            if lost or gained:
                # A name that moved to another line of the same edit (a syntax line
                # rewrapped, an entry inserted above it, a parameter passed in a splatted
                # table: "-Uri x" → "Uri = x") is no rename.
                removed_bag, added_bag = _edit_bags(document, index, old, new, reader, bags)
                lost = [token for token in lost if token.lstrip("-") not in added_bag]
                gained = [token for token in gained if token.lstrip("-") not in removed_bag]
            if not in_code:
                # a word set in code style, taken out of it or written in another case in
                # the same line ("Responses" → "`responses`"): the same word
                new_said, old_said = _said(new_text), _said(old_text)
                lost = [token for token in lost if not _says(new_said, token)]
                gained = [token for token in gained if not _says(old_said, token)]
            if in_code and language in _PYTHON and "|" in new_text and _TYPING_FORMS & {*lost}:
                # "Optional[Item]" → "Item | None": the same type in the newer notation
                lost = [token for token in lost if token not in _TYPING_FORMS]
                gained = [token for token in gained if token != "None"]
            if not (lost or gained):
                continue  # the same names
            if in_code and _worded(old_text, lost, small) and _worded(new_text, gained, small):
                continue  # words of a sentence in the line (a message, a comment after code)
            if in_code and document.still_shown(old_text):
                continue  # the old line stayed: the new one was inserted beside it
            if (
                in_code
                and IMPORT_LINE.match(new_text)
                and (bool(lost) != bool(gained) or _same_module(old_text, new_text))
            ):
                continue  # names imported or dropped follow what the sample uses: housekeeping
            if in_code and another_tool(old_text, new_text):
                continue  # "pip install x" → "uv add x": the old instruction still works
            line = hunk.lines[new].new_line
            renames = _renames(lost, gained)
            default = bool(
                renames
                and defaults.search(_PATHS.sub(" ", old_text))
                and defaults.search(_PATHS.sub(" ", new_text))
            )  # ("…/default-app-setup/OnLoad.cpp" states no default)
            if properties and not default:
                continue  # an option's properties relabelled or refilled: read, not typed
            imported = (
                _modules_imported(old_text) | _modules_imported(new_text)
                if renames and in_code
                else set()
            )
            own = (
                _sample_owned(old_text, new_text, in_code, language) - imported
                if renames
                else set()
            )
            for before, after in renames:
                if not in_code and _extends(before, after):
                    continue  # "`yum`" → "`yum install`": the same name, said more fully
                if _qualified(before, after):
                    continue  # "React.useState" → "useState": one member, imported by name
                if _retargeted(before, after, old_text, new_text):
                    continue  # "[Zoom](https://zoom.us/j/1)" → "…(https://lfx…)": a link's target
                if _verb_written_out(before, after) or _verb_written_out(after, before):
                    continue  # "where" → "Where-Object": a command's short name written out
                if _long_form(before, after) or _long_form(after, before):
                    continue  # "-o" → "--options": one option, by its short and long names
                if _spelled_out(before, after) and _prefixes_taken(document, language):
                    continue  # "-Module" → "-ModuleName": the shell takes either
                if not default and mentions(document.shown, before):
                    continue  # the page still names it: one line names something else
                if not in_code and another_tool(before, after):
                    continue  # "`pip install x`" → "`uv add x`" in a sentence
                if not in_code and _negated_instead(before, after, old_text, new_text, document):
                    continue  # "is not `true`" → "is `false`": the same statement
                if (before, after) not in seen and len(seen) < MAX_RENAMES:
                    seen.add((before, after))
                    kind = _rename_kind(before, after, own, imported, in_code, document)
                    if _placeholders(language, (old_text, before), (new_text, after)):
                        kind = "sample_changed"  # "<DiskPath>" → "<Disk>": readers fill it in
                    elif _left_to_fill(before, after, old_text, new_text):
                        kind = "sample_changed"  # "…/helloworld:latest" → "…/<image>:latest"
                    elif _placeholder_renamed(old_text, new_text):
                        kind = "sample_changed"  # "<target-triple>" → "<target-tuple>"
                    if (
                        default
                        and kind == "identifier_renamed"
                        and _given_as_default(before, old_text, defaults)
                        and _given_as_default(after, new_text, defaults)
                    ):
                        # "Default value: None" → "Default value: True" (while "If `retryPeriod`
                        # is not set (default)" → "`retryPeriodSeconds`" renames a field)
                        if _defaults_moved(before, after, document, defaults):
                            continue  # both defaults still given: lines paired across them
                        text = short(new_text.strip())
                        signals.append(
                            Signal("default_changed", line, "new", _detail(before, after, text))
                        )
                        continue
                    renamed = {"old": before, "new": after, "in_code": in_code}
                    signals.append(Signal(kind, line, "new", renamed))
            if renames:  # what is left beside the names paired: an option dropped
                paired = {before for before, _ in renames}
                written = new_text.casefold()  # "-list" → "-List" is still in the line
                lost = [
                    token
                    for token in lost
                    if token[0] == "-"
                    and token not in paired
                    and not mentions(written, token.casefold())
                ]
                gained = []
            if in_code and bool(lost) != bool(gained):
                side_text = document.change.old_text if lost else document.change.new_text
                if all(
                    token in _KEYWORDS
                    or token in _CONTROL_WORDS
                    or token in _TYPE_WORDS
                    or _defined(_root(token), side_text)
                    for token in lost or gained
                ):
                    # a variable of the sample's own, dropped or brought in, or its syntax
                    # ("(c) =>" → "async (c) =>", "as Params" dropped, ": any" added)
                    continue
                if lost and _steps(new_text) < _steps(old_text):
                    # "npx cap copy && npx cap sync" → "npx cap sync": a command dropped from
                    # a chain of them; the old chain still runs
                    continue
                if gained and set(gained) <= set(_SWITCH.findall(new_text)):
                    # "cargo install x" → "cargo install x --locked": a switch added to a
                    # command; the old command still runs
                    continue
                quoted = _quoted_words(old_text if lost else new_text)
                if all(token in quoted for token in lost or gained):
                    continue  # words of a message the sample prints, translated or reworded
                if gained and _falls_back(old_text, new_text):
                    continue  # "listen(3000)" → "listen(env.PORT ?? 3000)": the same default
                key = (old_text.strip(), new_text.strip())
                if key not in seen and len(seen) < MAX_RENAMES:
                    seen.add(key)
                    if gained and (
                        set(gained) <= _bracketed(new_text)
                        or (set(gained) <= _choices(new_text) and _choices(old_text))
                    ):
                        # "Wait-Process [-Name] <String[]> [-Any]": an optional parameter;
                        # "policy first|smallest" → "policy first|first_fallback|smallest":
                        # one more value to choose from
                        field = {"key": gained[0], "language": language}
                        signals.append(Signal("sample_key_added", line, "new", field))
                        continue
                    detail = {
                        "old": short(_PROMPT.sub("", old_text).strip()),
                        "new": short(_PROMPT.sub("", new_text).strip()),
                        "added": gained,
                        "removed": lost,
                    }
                    signals.append(Signal("code_line_changed", line, "new", detail))
    return signals


def _steps(text: str) -> set[str]:
    """The commands a line chains with ``&&`` or ``;``, each as typed (spacing aside)."""
    return {
        " ".join(step.split()) for step in _CHAINED.split(_PROMPT.sub("", text)) if step.strip()
    }


def _negated_instead(
    before: str, after: str, old_text: str, new_text: str, document: Document
) -> bool:
    """Whether a value traded for its opposite (``true`` → ``false``) went with a negation
    gained or lost in the same line: the line says the same."""
    if (before.lower(), after.lower()) not in OPPOSITES:
        return False
    negation = document.lexicon.pattern("negations")
    return len(negation.findall(old_text)) != len(negation.findall(new_text))


def _in_block_comment(document: Document, index: int, old: int, new: int) -> bool:
    """Whether the edited line stands inside a block comment of its sample, on either side."""
    hunk = document.hunks[index]
    for side, position, number in (
        ("old", old, hunk.lines[old].old_line),
        ("new", new, hunk.lines[new].new_line),
    ):
        found = document.code_lines.get((side, index, position))
        if found is not None and number and document.commented(side, found[1], number):
            return True
    return False


def detect_sample_keys(document: Document) -> list[Signal]:
    """``sample_key_added`` (``key``, ``language``): a line shaped as a setting (``key: …``,
    ``key = …``, ``[ key: … ]``, ``--option``) with a placeholder for its value (``<string>``)
    or marked optional, inserted into a code block that was there before with nothing removed
    in its place: a reference or syntax block documents one more field or option."""
    signals: list[Signal] = []
    if not document.code_lines:
        return signals  # no changed line of code: none inserted into a block
    changed = set(document.changed_numbers["new"])
    for index, hunk in enumerate(document.hunks):
        for removed, added in document.edits(index):
            if removed:
                continue
            for position in added:
                found = document.code_lines.get(("new", index, position))
                if found is None or found[1] in changed:
                    continue  # not code, or a block that is new itself
                text = hunk.lines[position].text
                key = _SETTING.match(text)
                if key and _PLACEHOLDER.search(text) and len(signals) < MAX_RENAMES:
                    detail = {"key": key.group(1), "language": found[0]}
                    number = hunk.lines[position].new_line
                    signals.append(Signal("sample_key_added", number, "new", detail))
    return signals


def _edit_bags(
    document: Document,
    index: int,
    old: int,
    new: int,
    reader: Callable[[str], list[str]],
    read: dict[tuple[int, int, Callable[[str], list[str]]], tuple[set[str], set[str]]],
) -> tuple[set[str], set[str]]:
    """The tokens (as ``reader`` reads them) of every removed and every added line of the
    edit that holds the edited line ``old`` → ``new``; ``read`` keeps each edit's bags for
    its other lines."""
    number = document.edit_index(index, new)
    if number < 0 or document.edit_index(index, old) != number:
        return set(), set()
    key = (index, number, reader)
    if key not in read:
        lines = document.hunks[index].lines
        removed, added = document.edits(index)[number]
        read[key] = (
            _undashed(token for at in removed for token in reader(lines[at].text)),
            _undashed(token for at in added for token in reader(lines[at].text)),
        )
    return read[key]


def _undashed(tokens: Iterable[str]) -> set[str]:
    """The tokens, and each option among them also without its dashes (``-Uri`` and ``Uri``)."""
    bag = set(tokens)
    return bag | {token.lstrip("-") for token in bag}


def _falls_back(old_text: str, new_text: str) -> bool:
    """Whether ``new_text`` is ``old_text`` with a value put before one of its values as its
    first choice (``x ?? 3000``, ``x || 3000``, ``x or 3000``): a sample made configurable,
    whose old value stays what it does when nothing is set."""
    edits = [
        (tag, new_text[j1:j2])
        for tag, _, _, j1, j2 in SequenceMatcher(None, old_text, new_text).get_opcodes()
        if tag != "equal"
    ]
    return len(edits) == 1 and edits[0][0] == "insert" and edits[0][1].rstrip().endswith(_FALLBACKS)


def shows_output(document: Document, side: str, language: str, start: int) -> bool:
    """Whether the code block of ``language`` opened on line ``start`` of ``side`` shows what
    a program printed: an output block, or a log."""
    return language.lower() in _OUTPUT_LANGUAGES or document.prints_log(side, start)


def _printed(document: Document, index: int, old: int, new: int) -> bool:
    """Whether an edited line of a terminal session is output: neither version follows a
    prompt, while the block's commands do (``$ cargo run`` above ``Finished `dev` profile``).
    A session whose commands show no prompt is all typed."""
    found = document.code_lines.get(("new", index, new))
    if found is None:
        return False
    quoted = quoted_block(document, "new", found[1])
    lines = document.hunks[index].lines
    if typed(lines[old].text, quoted) or typed(lines[new].text, quoted):
        return False
    return in_session(document, "new", found[1])


def typed(text: str, quoted: bool) -> bool:
    """Whether a line of a terminal session follows a prompt: readers type it. ``quoted``:
    the block stands in a quote (``quoted_block``)."""
    return _TYPED.match(text) is not None or (not quoted and _ANGLE_TYPED.match(text) is not None)


def quoted_block(document: Document, side: str, start: int) -> bool:
    """Whether the block opened at line ``start`` of ``side`` stands in a quote."""
    return bool(document.of_block(_quoted_block, side, start))


def _quoted_block(document: Document, side: str, start: int) -> bool:
    source = document.source(side)
    return source is not None and _QUOTE_START.match(source.text, source.offset(start)) is not None


def in_session(document: Document, side: str, start: int) -> bool:
    """Whether the block opened at line ``start`` of ``side`` is a terminal session: some of
    its lines follow a prompt, and the others are what those commands printed."""
    return bool(document.of_block(_in_session, side, start))


def _in_session(document: Document, side: str, start: int) -> bool:
    source = document.source(side)
    if source is None:
        return False
    begin = source.offset(start + 1)
    end = _FENCE.search(source.text, begin)
    finish = end.start() if end else len(source.text)
    if _TYPED.search(source.text, begin, finish) is not None:
        return True
    fence = _FENCE_LANGUAGE.match(source.text, source.offset(start))
    shell = fence is not None and fence.group(1).lower() in _SHELLS  # not a Markdown sample
    return (
        shell
        and not quoted_block(document, side, start)
        and bool(_ANGLE_TYPED.search(source.text, begin, finish))
    )


def _placeholders(language: str, *named: tuple[str, str]) -> bool:
    """Whether each name stands inside a placeholder readers fill in: any ``<…>`` of a
    command line (a shell takes ``<`` for a redirection, so in a command readers type it
    marks what they fill in: ``--partition <PartitionNumber>``), or the one after an option
    in a syntax line of any block (``[-Last <int>]`` → ``[-Last <Int32>]``: the type of the
    value they give, written another way)."""
    return all(_in_placeholder(language in COMMAND_LANGUAGES, *pair) for pair in named)


def _in_placeholder(anywhere: bool, text: str, name: str) -> bool:
    """Whether ``name`` stands in a ``<…>`` of ``text``: anywhere, or given to an option."""
    if "<" not in text:
        return False
    inside = rf"<[^<>]*(?<![\w-]){re.escape(name)}(?![\w-])[^<>]*>"
    return bool(re.search(inside if anywhere else _OPTION_GIVEN + inside, text))


def _given_as_default(token: str, text: str, defaults: re.Pattern[str]) -> bool:
    """Whether ``token`` stands right after the words that say a default in ``text``
    (``Default value: None``, ``defaults to `3```, ``the default is `x```; at most
    ``DEFAULT_REACH`` words between): the default's value, not the name it is said of, nor a
    name further on ("the default `minimizer` […] to customise the `TerserPlugin` options")."""
    said = defaults.search(text)
    if said is None:
        return False
    at = text.find(token, said.end())
    return at >= 0 and len(text[said.end() : at].split()) <= DEFAULT_REACH


def _defaults_moved(before: str, after: str, document: Document, defaults: re.Pattern[str]) -> bool:
    """Whether each page gives both values as a default, on other lines: two options'
    defaults written anew (``Enable: bool (Default value is `$true`)`` → "The default value
    is `$true`." further down), the lines paired across them, no default changed."""

    def gives(value: str, text: str | None) -> bool:
        return any(
            _given_as_default(value, line, defaults)
            for line in (text or "").split("\n")
            if value in line
        )

    old_page, new_page = document.change.old_text, document.change.new_text
    return all(gives(value, page) for value in (before, after) for page in (old_page, new_page))


def _placeholder_renamed(old_text: str, new_text: str) -> bool:
    """Whether two versions of a line differ only in the names of their placeholders
    (``dist/{target-triple}/rustup-init`` → ``dist/{target-tuple}/rustup-init``): readers
    fill in the same values."""
    return _NAMED_PLACEHOLDER.sub("<>", old_text) == _NAMED_PLACEHOLDER.sub("<>", new_text)


def _left_to_fill(before: str, after: str, old_text: str, new_text: str) -> bool:
    """Whether a value of the sample became a placeholder readers fill in, or the other way
    round (``mcr.microsoft.com/azuredocs/helloworld:latest`` →
    ``mcr.microsoft.com/<image>:latest``): the sample now asks for the reader's own value, or
    shows one."""
    return _filled_in(before, after, new_text) or _filled_in(after, before, old_text)


def _filled_in(value: str, name: str, line: str) -> bool:
    """Whether ``name``, as ``line`` writes it, is ``value`` with a placeholder where the rest
    of the value stood: inside the name or right after it (a name cut at its placeholder)."""
    start = line.find(name)
    if start < 0 or _FILL_IN.search(value):
        return False
    placeholder = _FILL_IN.search(line, start)
    if placeholder is None or not start < placeholder.start() <= start + len(name) + 1:
        return False
    kept = line[start : placeholder.start()]
    return value.startswith(kept) and len(value) > len(kept)


def _changed_word(before: str, after: str, separator: re.Pattern[str] = _SPACES) -> tuple[str, str]:
    """The one word that changed in a name or command of several words (``Start-Proces
    gedit`` → ``Start-Process gedit``; with ``_DOTS``, ``FontAtributes.None`` →
    ``FontAttributes.None``), else the two as they are."""
    old_words, new_words = separator.split(before), separator.split(after)
    if len(old_words) != len(new_words) or len(old_words) < 2:
        return before, after
    changed = [(old, new) for old, new in zip(old_words, new_words, strict=True) if old != new]
    return changed[0] if len(changed) == 1 else (before, after)


def _spelled_out(before: str, after: str) -> bool:
    """A parameter's name written out in full (``-Module`` → ``-ModuleName``, also inside a
    command: ``Import-DscResource -Module``), or cut to a start of it, case aside."""
    old_words, new_words = before.casefold().split(), after.casefold().split()
    if len(old_words) != len(new_words) or old_words == new_words:
        return False
    return all(
        old == new or _option_start(old, new) for old, new in zip(old_words, new_words, strict=True)
    )


def _option_start(old: str, new: str) -> bool:
    """One parameter of one dash (``--name`` options are matched whole) named by a start of
    the other's name."""
    if not all(name.startswith("-") and name[1:2].isalpha() for name in (old, new)):
        return False
    short_name, long_name = sorted((old, new), key=len)
    return len(short_name) > 2 and long_name.startswith(short_name)


def _prefixes_taken(document: Document, language: str) -> bool:
    """Whether the names of a line (a sample's, or a sentence's on a page whose samples are
    in one such shell) go to a shell that takes any unambiguous start of a parameter's name."""
    if language:
        return language in SHELLS_OF_PREFIXES
    return any(
        match.group(1).lower() in SHELLS_OF_PREFIXES
        for match in _FENCE_LANGUAGE.finditer(document.shown)
    )


def _language(found: tuple[str, int] | None) -> str:
    return found[0].lower() if found is not None else ""


def _rename_kind(
    before: str, after: str, own: set[str], imported: set[str], in_code: bool, document: Document
) -> str:
    """``identifier_renamed``, or what the change really is: a name corrected, or a change to
    what the sample chose for itself.

    A name is corrected when only its case, spacing or leading dash changed
    (``-casesensitive`` → ``-CaseSensitive``, ``callback`` → ``callBack``: RUBRIC.md counts
    fixing the case of a name a correction; ``-Query`` → ``Query``: a parameter named in a
    table or a splatted hash table; ``Process{}`` → ``process {}``), or when the page already
    spelled it the new way and either a letter or two changed or this was the one place that
    spelled it otherwise: the text made to agree with itself (a parameter spelled as
    declared), not a rename readers must follow. A package an import line takes names from
    (``imported``) replaced by another the page names (``'@ionic/angular/standalone'`` →
    ``'@ionic/angular'``) has readers import from elsewhere: no spelling agreed on."""
    old_text = document.change.old_text or ""
    before, after = _changed_word(before, after)
    agrees = mentions(old_text, after) > 0
    bare = _bare(before)
    if bare == _bare(after) and _LETTER.search(bare):
        return "name_corrected"
    if before.translate(_TYPOGRAPHY) == after.translate(_TYPOGRAPHY):
        return "name_corrected"  # "$(…)…" → "$(...)...": the same signs, typed plainly
    if not in_code and _translated(before, after):
        return "name_corrected"  # "`масивом`" → "`array`": the term translated, or back
    if _PLACEHOLDER_NAME.fullmatch(before) and _PLACEHOLDER_NAME.fullmatch(after):
        return "sample_changed"  # "<script block>" → "<scriptblock>": what readers fill in
    if bool(_XED_OUT.search(before)) != bool(_XED_OUT.search(after)):
        return "sample_changed"  # "registry-8d886cf7f-w4prp" → "registry-xxxxxxxxx-xxxxx"
    if "://" in before and _SCHEME.sub("", before) == _SCHEME.sub("", after):
        return "name_corrected"  # "http://google.com" → "https://google.com": the same address
    if in_code and _EMAIL.fullmatch(before) and _EMAIL.fullmatch(after):
        return "sample_changed"  # "test@test.com" → "test@contoso.com": the reader's own
    elsewhere = before in imported and after in imported
    if agrees and (
        misspelled(before, after) or (mentions(old_text, before) <= 1 and not elsewhere)
    ):
        return "name_corrected"  # the one place that spelled it otherwise, made to agree
    part, corrected = _changed_word(before, after, _DOTS)
    if part != before and mentions(old_text, corrected) > 0 and misspelled(part, corrected):
        return "name_corrected"  # "FontAtributes.None": one part spelled as the page has it
    if before in _KEYWORDS or before in _CONTROL_WORDS or after in _CONTROL_WORDS:
        return "sample_changed"  # the sample's syntax, no name
    root = _root(before)
    if len(root) == 1 and root.isalpha():
        return "sample_changed"  # "k", "T": a one-letter variable or type of the sample's own
    if before in own or root in own or _defined(root, document.change.old_text):
        return "sample_changed"
    if in_code and not before.startswith("-") and _defined(_root(after), document.change.new_text):
        return "sample_changed"  # a call made through a helper the sample now defines
    if typo_fixed(before, after):
        return "name_corrected"  # "metric-tipe-for-the-modifier": a misspelled word fixed
    return "identifier_renamed"


def _translated(before: str, after: str) -> bool:
    """Whether one of two words is written in another alphabet, with no Latin letter, and the
    other in ASCII (``масивом`` → ``array``, ``配列`` → ``array``): a translation's term, not a
    name readers type."""
    if before.isascii() == after.isascii():
        return False
    other = after if before.isascii() else before
    return _LETTER.search(other) is not None and _LATIN.search(other) is None


def _bare(name: str) -> str:
    """A name without its case, white space, Markdown escapes and the signs around it
    (``-Name``, ``$using`` and ``Using:``, ``[void]("")`` and ``[void]""``)."""
    return "".join(_ESCAPE.sub("", name).split()).strip(_AROUND).casefold()


def _root(name: str) -> str:
    """The name a qualified name or call starts with (``$client.Send(`` → ``client``)."""
    return re.split(r"[.(\[]", name.lstrip("$@"), maxsplit=1)[0]


def misspelled(before: str, after: str) -> bool:
    """A letter or two fixed in a name long enough to tell (``Get-AzConext``); a changed
    separator or sign (``/`` → ``\\``, ``Name`` → ``-Name``) is no spelling. Text longer
    than ``SPELLED_NAME`` is no name: it is not compared (the comparison grows with the
    square of the length)."""
    if min(len(before), len(after)) < 3 * TYPO_DISTANCE or before.isdigit():
        return False
    if max(len(before), len(after)) > SPELLED_NAME:
        return False
    if Counter(c for c in before if not c.isalnum()) != Counter(
        c for c in after if not c.isalnum()
    ):
        return False
    return distance(before.casefold(), after.casefold()) <= TYPO_DISTANCE


def respelled(before: str, after: str, page: str) -> bool:
    """A name whose spelling alone was fixed: to the one ``page`` (the old text) already used
    (``contraints`` → ``constraints``), made to agree (``eslint`` → ``oxlint`` is another
    tool, which the page never named), or a misspelled word of it spelled right
    (``comma-seperated``)."""
    return spelled_alike(before, after) and (mentions(page, after) > 0 or typo_fixed(before, after))


def spelled_alike(before: str, after: str) -> bool:
    """``misspelled`` with the same numbers (``v1beta1`` → ``v1beta2`` is another version)."""
    return _DIGITS.findall(before) == _DIGITS.findall(after) and misspelled(before, after)


def _quoted_words(text: str) -> set[str]:
    """The words inside the quoted strings of a line of code."""
    return {token for _, value in _QUOTED.findall(text) for token in _code_tokens(value)}


def _sample_owned(old_text: str, new_text: str, in_code: bool, language: str) -> set[str]:
    """The tokens of an edited line that are the sample's or the site's own choice: quoted
    values, paths a line pulls in, values a command passes to its parameters, the text of a
    link that now points elsewhere."""
    owned: set[str] = set()
    if in_code and (PULLS_IN.search(old_text) or PULLS_IN.search(new_text)):
        return set(_code_tokens(old_text)) | set(_code_tokens(new_text))
    if in_code:
        passed = _values_passed(old_text, new_text) if language in COMMAND_LANGUAGES else set()
        if language not in SHELLS_OF_PREFIXES:
            passed = {value for value in passed if _FILE_VALUE.search(value)}
        passed |= {token for value in passed for token in _code_tokens(value)}
        return _quoted_words(old_text) | _quoted_words(new_text) | passed
    old_links = dict((text, target) for text, target in _LINK_TEXT.findall(old_text))
    for text, target in _LINK_TEXT.findall(new_text):
        for old_link, old_target in old_links.items():
            if old_target != target:
                owned.update(_marked_tokens(old_link))
                owned.update(_marked_tokens(text))
    return owned


def _modules_imported(text: str) -> set[str]:
    """The names of the package an import line takes names from (``… from '@ionic/angular'``,
    ``require("express")``): quoted, but a package readers install, not a value the sample
    chose; a file of the sample's own (``'./types'``) is not one."""
    imported = _IMPORTED_FROM.match(text)
    module = _module(imported) if imported else ""
    if not module or module.startswith((".", "/")):
        return set()
    return set(_code_tokens(module))


def _values_passed(old_text: str, new_text: str) -> set[str]:
    """The values a command line passes to a parameter both versions pass, where they are
    other values (``-ComputerName Server01`` → ``WebServer``): what the sample gives it, not a
    name readers type as it is. The same words with other signs between them are the value
    written as the parameter takes it (``corp.contoso.com/gpo`` → ``corp.contoso.com\\gpo``):
    a correction readers follow; an address is an endpoint readers connect to."""
    old_values = dict(_OPTION_VALUE.findall(old_text))
    new_values = dict(_OPTION_VALUE.findall(new_text))
    return {
        value
        for option in old_values.keys() & new_values.keys()
        if _WORDS_OF.findall(old_values[option].casefold())
        != _WORDS_OF.findall(new_values[option].casefold())
        for value in (old_values[option], new_values[option])
        if "://" not in value
    }


def _defined(name: str, text: str | None) -> bool:
    """Whether the document defines ``name`` itself (a sample's variable, class, function)."""
    if not text or len(name) < 2 or name not in text:
        return False
    pattern = _definition(name)
    return any(pattern.search(lines) for lines in _around(text, name))


@functools.lru_cache(maxsize=4096)
def _definition(name: str) -> re.Pattern[str]:
    """``_DEFINED`` for ``name`` (compiled once: pages of a range name the same things)."""
    return re.compile(_DEFINED.format(name=re.escape(name)))


def _around(text: str, name: str) -> Iterator[str]:
    """Each line of ``text`` that holds ``name``, with the lines before and after it up to
    their first text that is not white space: where a declaration of the name can be (the
    whole text is slow to search name by name)."""
    start = text.find(name)
    while start != -1:
        before = text.rfind("\n", 0, start)
        while before > 0 and text[before - 1].isspace():
            before -= 1
        begin = text.rfind("\n", 0, before) + 1 if before > 0 else 0
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        after = line_end
        while after < len(text) and text[after].isspace():
            after += 1
        end = text.find("\n", after)
        yield text[begin : len(text) if end == -1 else end]
        start = text.find(name, line_end)


def _detail(old: str, new: str, text: str | None) -> dict[str, object]:
    return {"old": old, "new": new, "text": text}


def _same_module(old_text: str, new_text: str) -> bool:
    """Two import lines that take names from one module."""
    old, new = _IMPORTED_FROM.match(old_text), _IMPORTED_FROM.match(new_text)
    if old is None or new is None:
        return False
    return _module(old) == _module(new)


def _module(imported: re.Match[str]) -> str:
    """The module an import line (``_IMPORTED_FROM``) names, without its quotes and ``;``."""
    return next(group for group in imported.groups() if group).strip("'\";")


def _bracketed(text: str) -> set[str]:
    """The names of a line inside square brackets, where a syntax shows what is optional
    (``[-PassThru]``, ``[[-Timeout] <Int32>]``)."""
    inside, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            if depth == 0:
                start = index
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            if depth == 0:
                inside.append(text[start : index + 1])
    return {token for part in inside for token in _code_tokens(part)}


def _worded(text: str, tokens: Sequence[str], small_words: frozenset[str]) -> bool:
    """Whether each token is a word of a sentence of the line: a run of five words or more,
    spaces between them, two of them small words of sentences (``error=git is currently in
    a dirty state``, ``let s = 1; // s is not valid here``)."""
    if not tokens:
        return True
    said: set[str] = set()
    for run in _WORD_RUN.finditer(text):
        words = run.group().replace(",", " ").split()
        if sum(word.lower() in small_words for word in words) >= 2:
            said.update(words)
    return all(token in said for token in tokens)


def _choices(text: str) -> set[str]:
    """The names of a line that a syntax lists as choices, one of which is written
    (``first_exist|smallest_size``, ``{json|yaml}``)."""
    return {token for choices in _CHOICES.findall(text) for token in _code_tokens(choices)}


def _code_tokens(text: str) -> list[str]:
    """The names of a line of code; a word with letters outside ASCII (a translated comment,
    string or text of markup: "Está", "トークン") is language, not a name readers type, a
    contraction of a message reads as its words ("doesn't" as "does not"), and a colour
    (``#a2d2ff``) is a value."""
    if "n't" in text:
        text = _CONTRACTION.sub(lambda m: f"{_UNCONTRACTED.get(m[1].lower(), m[1])} not", text)
    if "#" in text:
        text = _COLOUR.sub(" ", text)
    return [token for token in _CODE_TOKEN.findall(_PROMPT.sub("", text)) if token.isascii()]


def _said(text: str) -> tuple[frozenset[str], str]:
    """What a line says, in any case (``_says``): its code spans, and its words outside them."""
    if "`" not in text:  # (most prose sets nothing in code style)
        return frozenset(), text.casefold()
    spans = frozenset(span.strip(" *_").casefold() for _, span in _CODE_SPAN.findall(text))
    return spans, _CODE_SPAN.sub(" ", text).casefold()


def _says(said: tuple[frozenset[str], str], name: str) -> bool:
    """Whether a line (``_said``) says ``name``, in any case: as a code span of its own, or in
    its words outside code spans (a name inside a longer span is part of what that span says)."""
    spans, words = said
    wanted = name.casefold()
    return wanted in spans or mentions(words, wanted) > 0


def _marked_tokens(text: str) -> list[str]:
    """The code spans of a prose line, and the words shaped like options outside them; a
    code span of several plain words is a sentence set in code style, no name."""
    if "`" not in text:  # (most prose sets nothing in code style)
        return _OPTION.findall(text) if "-" in text else []
    # a name written as a call is the same name ("`load`" → "`load()`"), and its underscores
    # are its own ("`__init__`")
    spans = [span.strip().removesuffix("()").strip(" *") for _, span in _CODE_SPAN.findall(text)]
    spans = [span for span in spans if not _SENTENCE.fullmatch(span)]
    return spans + _OPTION.findall(_CODE_SPAN.sub("`", text))


@functools.lru_cache(maxsize=EDITS_KEPT)
def _changed_tokens(
    in_code: bool, language: str, old_text: str, new_text: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``_difference`` of the names of two versions of a line, of code (its comment aside)
    or of prose (the versions of a page often carry the same edit)."""
    if not in_code:
        lost, gained = _difference(_marked_tokens(old_text), _marked_tokens(new_text))
    else:
        old_code, new_code = _uncommented(old_text, language), _uncommented(new_text, language)
        lost, gained = _difference(_code_tokens(old_code), _code_tokens(new_code))
        # a word of language given its accents, or losing them ("operation" → "opération")
        new_words, old_words = _unaccented(new_code), _unaccented(old_code)
        lost = [token for token in lost if token not in new_words]
        gained = [token for token in gained if token not in old_words]
    return tuple(lost), tuple(gained)


def _unaccented(text: str) -> set[str]:
    """The words of ``text`` with letters outside ASCII, their accents taken off
    (``opération`` → ``operation``)."""
    if text.isascii():
        return set()
    return {
        unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
        for word in _WORDS_OUTSIDE_ASCII.findall(text)
    }


def _uncommented(text: str, language: str) -> str:
    """A line of code without the comment that ends it (``value: 10 # Optional. The
    threshold``, ``run(); // then wait``): a comment is read, not typed, and the words it
    gains or loses are no names. A comment's sign inside a quoted string, or with no white
    space before it (``#anchor``, ``https://``), starts none."""
    sign = "#" if language in _HASH_COMMENTS else "//" if language in _SLASH_COMMENTS else ""
    at = text.find(sign) if sign else -1
    while at > 0:
        head = text[:at]
        if head[-1].isspace() and head.count('"') % 2 == 0 and head.count("'") % 2 == 0:
            return head
        at = text.find(sign, at + 1)
    return text


def _difference(old: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """(tokens only the old line has, tokens only the new one has), in order, without the
    versions (a pinned package is its name) and hashes; empty when the two differ only in
    numbers (a version or a count, read elsewhere)."""
    if old == new:
        return [], []
    old = [_PIN.sub("", token) for token in old]
    new = [_PIN.sub("", token) for token in new]
    old = [token for token in old if not _a_value(token)]
    new = [token for token in new if not _a_value(token)]
    old_count, new_count = Counter(old), Counter(new)
    lost = [token for token in dict.fromkeys(old) if old_count[token] > new_count[token]]
    gained = [token for token in dict.fromkeys(new) if new_count[token] > old_count[token]]
    lost, gained = _unjoined(lost, gained)
    gained, lost = _unjoined(gained, lost)
    if not (lost or gained):
        return [], []
    if Counter(_DIGITS.sub("0", t) for t in lost) == Counter(_DIGITS.sub("0", t) for t in gained):
        return [], []
    return lost, gained


def _unjoined(words: list[str], compounds: list[str]) -> tuple[list[str], list[str]]:
    """``words`` and ``compounds`` without the words that the other side joins with hyphens
    (``two factor`` → ``two-factor``), case aside: the same words, spelled another way."""
    folded = {word.casefold() for word in words}
    joined = [
        compound
        for compound in compounds
        if "-" in compound.strip("-") and set(compound.casefold().split("-")) <= folded
    ]
    if not joined:
        return words, compounds
    taken = {part for compound in joined for part in compound.casefold().split("-")}
    return [word for word in words if word.casefold() not in taken], [
        compound for compound in compounds if compound not in joined
    ]


def _a_value(token: str) -> bool:
    """Whether a token holds a version, a hash or encoded data: a value, not a name."""
    if _VERSION.search(token) or _HASH.search(token):
        return True
    return any(_encoded(run.group(0)) for run in _ENCODED.finditer(token))


def _encoded(run: str) -> bool:
    """Whether a run of base64 characters mixes capitals, small letters and digits (three of
    each at least) as encoded bytes do; a long name (``BuiltinCombinedLateLintModPass``) or a
    name with a number in it (``Win32OpenSSHServerConfiguration``) does not."""
    counts = [sum(map(test, run)) for test in (str.isupper, str.islower, str.isdigit)]
    return min(counts) >= 3


def _renames(lost: list[str], gained: list[str]) -> list[tuple[str, str]]:
    """Lost and gained tokens paired best first: the most alike pair of all (``_alike``),
    then the most alike of the tokens left, and so on; in the order the lost tokens come.
    (Taken in turn, ``--port`` would pair with ``--host``, a letter closer than
    ``--listen-port``, and leave ``--host-name``, which became ``--host``, the other.)"""
    lost_numbers, gained_numbers = _numbers_of(lost), _numbers_of(gained)
    olds = [token for token in lost if _DIGITS.sub("0", token) not in gained_numbers]
    news = [token for token in gained if _DIGITS.sub("0", token) not in lost_numbers]
    pairs = [(i, j) for i in range(len(olds)) for j in range(len(news))]
    pairs.sort(key=lambda pair: _alike(olds[pair[0]], news[pair[1]]), reverse=True)
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for i, j in pairs:  # a stable sort: on a tie, the earlier tokens first
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    return [(olds[i], news[partner[i]]) for i in sorted(partner)]


def _alike(before: str, after: str) -> tuple[bool, float]:
    """How alike two tokens are: the same but for case first (``$profile`` and ``$PROFILE``,
    ``leaf`` and ``Leaf`` in one line), then by their letters, case aside."""
    old, new = before.casefold(), after.casefold()
    return old == new, SequenceMatcher(None, old, new).ratio()


def _extends(before: str, after: str) -> bool:
    r"""One name's words all stand in the other's, case and signs aside: a name written out
    more or less fully (``Mygciview.Format.ps1xml`` → ``$HOME\Format\MyGciView.Format.ps1xml``,
    ``(Write-Output 1,2,3)`` → ``(Write-Output 1,2,3 -NoEnumerate)``)."""
    old_words = set(_NAME_WORD.findall(before.casefold()))
    new_words = set(_NAME_WORD.findall(after.casefold()))
    return bool(old_words and new_words) and (old_words <= new_words or new_words <= old_words)


def another_tool(old: str, new: str) -> bool:
    """The same command run through another tool: the arguments stay while the program and
    its verb change (``pip install x`` → ``uv add x``, ``yarn start`` → ``npm start``), or a
    runner goes in front of the command, after any variables set for it (``A=1 app dev`` →
    ``A=1 uv run app dev``), or takes another's place (``npx hugo new x`` → ``npm exec --no
    -- hugo new x``). Markup a terminal session is drawn with is not typed: ``<font
    color="#4E9A06">fastapi</font> dev`` is ``fastapi dev``."""
    old_words = _typed(old).split()
    new_words = _typed(new).split()
    settings = 0
    while settings < min(len(old_words), len(new_words)) and _VARIABLE.match(old_words[settings]):
        if old_words[settings] != new_words[settings]:
            return False
        settings += 1
    old_words, new_words = old_words[settings:], new_words[settings:]
    if not old_words or not new_words or old_words[0] == new_words[0]:
        return False
    if len(new_words) > len(old_words) and new_words[-len(old_words) :] == old_words:
        return len(new_words) - len(old_words) <= RUNNER_WORDS  # a runner in front
    if len(old_words) > 2 and old_words[2:] == new_words[2:]:
        return True  # program and verb swapped
    if len(old_words) == 2 and old_words[1:] == new_words[1:]:
        # the program alone ("yarn start" → "npm start"), not a setting ("lang: en")
        return all(_PROGRAM.fullmatch(words[0]) for words in (old_words, new_words))
    return _runner_swapped(old_words, new_words)


_QUOTE_STYLE_LANGUAGES = frozenset(
    (
        *("js", "javascript", "jsx", "mjs", "cjs", "ts", "typescript", "tsx", "vue", "svelte"),
        *("astro", "python", "py", "json", "jsonc", "json5", "yaml", "yml", "toml", "html"),
        *("css", "scss"),
    )
)
"""Languages whose single and double quotes make the same string (not a shell's or
PowerShell's, where ``'`n'`` is two characters and ``"`n"`` a line break)."""


def either_quote(language: str, line: str) -> str:
    """A line of code of ``language`` as compared with another: with either quote, where both
    make the same string (``import a from './a'`` and ``import a from "./a"``: a formatter's
    style); as it is otherwise."""
    return line.replace("'", '"') if language.lower() in _QUOTE_STYLE_LANGUAGES else line


def _typed(line: str) -> str:
    """What a command line has readers type: without its prompt, nor the HTML tags that color
    it on the page."""
    return _PROMPT.sub("", without_tags(line))


def _runner_swapped(old: list[str], new: list[str]) -> bool:
    """One runner in another's place before the same command and arguments, or another tool's
    verbs before the same operand (``pip install --user x`` → ``uv tool install x``): each
    runner of a few words, the end of its options (``--``) aside."""
    shared = 0
    while shared < min(len(old), len(new)) and old[-1 - shared] == new[-1 - shared]:
        shared += 1
    runners = [
        [word for word in words[: len(words) - shared] if word != "--"] for words in (old, new)
    ]
    operand = shared == 1 and not old[-1].startswith("-")
    return (shared >= 2 or operand) and all(0 < len(runner) <= RUNNER_WORDS for runner in runners)


def _long_form(short: str, long: str) -> bool:
    """A one-letter option and a long option that starts with its letter (``-o``,
    ``--options``): by the common convention, one option's two names."""
    return (
        _SHORT_OPTION.fullmatch(short) is not None
        and long.startswith("--" + short[1])
        and _LONG_OPTION.fullmatch(long) is not None
    )


def _retargeted(before: str, after: str, old_text: str, new_text: str) -> bool:
    """Whether the two names are the targets of a link on their lines (``[Zoom](…)``, also in
    a block of Markdown readers copy): a link retargeted, which readers follow, not type."""
    return _in_target(before, old_text) and _in_target(after, new_text)


def _in_target(name: str, text: str) -> bool:
    return any(name in target for _, target in _LINK_TEXT.findall(text))


def _verb_written_out(short: str, full: str) -> bool:
    """A command named by its verb alone and by its full ``Verb-Noun`` name (``where``,
    ``Where-Object``; ``sort``, ``Sort-Object``): the short name in a sample is the command's
    alias, written out in full or back."""
    return _VERB_NOUN.fullmatch(full) is not None and full.split("-")[0].casefold() == short


def _qualified(before: str, after: str) -> bool:
    """One name is the other with its namespace in front (``React.useState``, ``useState``)."""
    return before.endswith("." + after) or after.endswith("." + before)


def _numbers_of(tokens: list[str]) -> set[str]:
    return {_DIGITS.sub("0", token) for token in tokens}
