"""RUBRIC.md, "Corrections versus changes": acceptance tests, one per line and kind.

A correction (a typo, the case of a name, a sample made to agree with its text, a translation
fix, an include path readers never see) is a minor update; renaming what readers type or call,
or correcting a statement of behaviour they may have acted on, is breaking; content moved
elsewhere in the same range is not removed. Each test builds a small site in a real git
repository with its toolchain's configuration, commits the scenario and reads the type
``insight report`` gives each file.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

import pytest
from docs_repo import DocsRepo
from rubric_sites import (
    BREAKING,
    LEARN_DOCS,
    MINOR,
    NEW,
    article,
    docusaurus_page,
    docusaurus_site,
    expect,
    hugo_site,
    jekyll_site,
    judge,
    learn_page,
    learn_site,
    mdbook_site,
    mkdocs_site,
    names,
    starlight_site,
)


def _edit(
    repo: DocsRepo, path: str, before: str, after: str, site: str = "mkdocs"
) -> dict[str, dict]:
    """One page changed from ``before`` to ``after`` in a site of the given toolchain."""
    sites = {
        "mkdocs": mkdocs_site,
        "learn": learn_site,
        "docusaurus": docusaurus_site,
        "hugo": hugo_site,
    }
    sites[site](repo)
    repo.write(path, before)
    base = repo.commit("base")
    repo.write(path, after)
    head = repo.commit("edit")
    return judge(repo, base, head)


def _kinds(item: dict) -> set[str]:
    """The kinds of the signals the report gives a file."""
    return {signal["kind"] for signal in item["signals"]}


def _one_section_renamed(repo: DocsRepo, path: str, before: str, after: str) -> None:
    """One page edited from ``before`` to ``after`` is a minor update whose report has a
    section renamed and none removed."""
    item = expect(_edit(repo, path, before, after), path, MINOR)
    assert "section_removed" not in _kinds(item), item["signals"]
    assert "section_renamed" in _kinds(item), item["signals"]


# --- Corrections: minor updates --------------------------------------------------------------

AKS = learn_page(
    "Deploy a container to AKS",
    "Deploy a container image to Azure Kuberentes Service (AKS) from the shell.",
    "\n## Connect to the cluster\n\nRun `Get-AzConext` to check the signed-in account, then"
    " import the cluster's credentials:\n\n```powershell\nGet-AzContext\n"
    "Import-AzAksCredential -ResourceGroupName myResourceGroup -Name myAKSCluster\n```\n",
)

SUBSCRIBE = docusaurus_page(
    "Events",
    "Subscribe to the events of a workspace.",
    "\n## Subscribe\n\nPass a `callback` to `subscribe()`; it runs once for each event.\n\n"
    "```js\nexport function subscribe(topic, callBack) {\n"
    "  return bus.on(topic, (event) => callBack(event));\n}\n```\n",
)

SEND = (
    "# Send a message\n\nThe `send()` function posts a message to a channel. Set `retries` to"
    " try again after a network error.\n\n"
    "```python\nimport os\nimport json\n\nfrom contoso import Channel\n\n\n"
    "def send(channel: Channel, message: str, *, retries: int = 3) -> None:\n"
    "    channel.post(json.dumps({'text': message}), retries=retries)\n\n\n"
    'send(Channel("general"), "Deploy finished", retry=5)\n```\n'
)

COUNTER = (
    "# Count clicks\n\nThe `useState` hook keeps the count between renders.\n\n"
    "```jsx\nimport React from 'react';\n\n"
    "export function Counter() {\n  const [count, setCount] = React.useState(0);\n"
    "  return <button onClick={() => setCount(count + 1)}>{count}</button>;\n}\n```\n"
)


def _rewritten(text: str, *edits: tuple[str, str]) -> str:
    """``text`` with each ``(old, new)`` of ``edits`` replaced, in order."""
    for old, new in edits:
        text = text.replace(old, new)
    return text


INSTALL_EXACT = (
    "# Install\n\nInstall the formatter locally, at an exact version:\n\n"
    "```bash\nnpm install --save-dev --save-exact prettier\n```\n\n"
    "```bash\npip install httpx\n```\n"
)
C2735 = (
    "# Compiler Error C2735\n\n> '*keyword*' keyword is not permitted in formal parameter type"
    " specifier\n\nThe following example generates C2735:\n\n"
    "```cpp\n// C2735.cpp\nstruct T {\n   int j;\n};\n\n"
    "void func(inline int k) {}   // C2735\nint main() {\n   T t;\n   func(t.j);\n}\n```\n"
)
C2735_REWRITTEN = _rewritten(
    C2735,
    ("struct T {", "struct S {"),
    ("int j;", "int integer;"),
    ("void func(inline int k) {}", "void func1(virtual int b) {}"),
    ("T t;", "S s;"),
    ("func(t.j);", "func1(s.integer);"),
)
ENVELOPES = (
    "# Subscriptions\n\nThe messages follow the JSON-RPC envelopes.\n\n"
    "> Read more in the TypeScript definitions:\n>\n"
    "> - [/packages/server/src/rpc/envelopes.ts]"
    "(https://github.com/contoso/rpc/tree/main/packages/server/src/rpc/envelopes.ts)\n"
)
CLIENT = (
    "# Headers\n\nSet the headers in the client's configuration:\n\n"
    "```ts\nexport const client = createClient<AppRouter>({\n  config(opts) {\n"
    "    return {\n      links: [httpBatchLink({ url: '/api', headers: () => ({ token }) })],\n"
    "    };\n  },\n});\n```\n"
)
HANDLER = (
    "# Handle requests\n\nCreate the server and pass it the handler:\n\n"
    "```ts\nconst server = http.createServer(handler as RequestListener);\n"
    "server.listen(3000);\n```\n"
)
PLUGINS = (
    "# Use plugins\n\nAdd the dashboard plugin to the configuration:\n\n"
    '```js\nconst webpack = require("webpack");\n'
    'const DashboardPlugin = require("webpack-dashboard/plugin");\n\n'
    "module.exports = {\n  plugins: [new DashboardPlugin(), new webpack.ProgressPlugin()],\n"
    "};\n```\n"
)
PLUGINS_AS_MODULE = _rewritten(
    PLUGINS,
    ('const webpack = require("webpack");', 'import webpack from "webpack";'),
    (
        'const DashboardPlugin = require("webpack-dashboard/plugin");',
        'import DashboardPlugin from "webpack-dashboard/plugin";',
    ),
    ("module.exports = {", "export default {"),
)
BUILD_OUTPUT = (
    "# Output management\n\nThe project now holds a second entry:\n\n"
    "```diff\n  webpack-demo\n  |- package.json\n  |- package-lock.json\n  |- webpack.config.js\n"
    "  |- /dist\n  |- /src\n    |- index.js\n+   |- print.js\n  |- /node_modules\n```\n\n"
    "Build it:\n\n```bash\n...\nasset print.bundle.js 316 bytes [emitted]\n"
    "webpack 5.4.0 compiled successfully in 1996 ms\n```\n"
)
BUILD_OUTPUT_REDRAWN = _rewritten(
    BUILD_OUTPUT,
    ("  |- /node_modules", "  └── /node_modules"),
    ("    |- index.js", "  │   ├── index.js"),
    ("+   |- print.js", "+ │   ├── print.js"),
    ("|- ", "├── "),
    ("5.4.0", "5.x.x"),
)

TEMPLATE = (
    "---\ntitle: ExecuteAsTemplate\n---\n\n"
    "Hugo publishes the resource when you call its [`Publish`], [`Permalink`], or"
    " [`RelPermalink`] methods.\n\n"
    '```go-html-template\n{{ $r := resources.ExecuteAsTemplate "main.css" . $t }}\n```\n\n'
    "[`publish`]: /methods/resource/publish/\n"
    "[`permalink`]: /methods/resource/permalink/\n"
    "[`relpermalink`]: /methods/resource/relpermalink/\n"
)

BUNDLER = (
    "# Static files\n\nThe `require` syntax includes audio, video or document files as well:"
    " `.mp3`, `.mp4` and `.pdf`. See [bundler defaults]"
    "(https://github.com/contoso/bundler/blob/master/config/defaults.js#L14-L44) for the full"
    " list, or <https://contoso.dev/bundler/v14/defaults> for the default of each.\n"
)

PRESS = (
    "# Buttons\n\nA button calls `onPress` when it is pressed.\n\n"
    "```jsx\nimport {Alert, Button} from 'react-native';\n\n"
    'export const App = () => (\n  <Button title="Press me" onPress={() =>'
    " Alert.alert('Pressed')} />\n);\n```\n"
)
PRESS_WITH_HELPER = PRESS.replace(
    "\n\nexport const App",
    "\n\nfunction showAlert(message) {\n  Alert.alert(message);\n}\n\nexport const App",
).replace("Alert.alert('Pressed')", "showAlert('Pressed')")

GREETING = (
    "# 컨테이너\n\n컨테이너로 컴포넌트를 렌더링합니다.\n\n"
    "```jsx\nexport const Greeting = ({ isAuthenticated }) => (\n"
    "  isAuthenticated ? <span>로그인 되었습니다.</span> : <span>로그인하세요.</span>\n);\n```\n"
)
BACKGROUND = (
    "# Background mode\n\nWhen an agent is detected, `contoso dev` starts the server in the"
    " background.\n\nTo opt out, set `CONTOSO_DEV_BACKGROUND` before running `contoso dev`."
    "\n\nRun `contoso dev --help` for its flags.\n"
)
CACHE = (
    "# Local cache\n\nThe agent keeps a local cache of results. It doesn't send\nthe cache to"
    " the service, and you can delete it at any\ntime without losing settings.\n"
)
CACHE_REWRAPPED = (
    "# Local cache\n\nThe agent keeps a local cache of the results. It\ndoesn't send the cache"
    " to the service, and you can delete it\nat any time without losing settings.\n"
)
SESSION = (
    "# Build\n\nBuild the project and run it:\n\n```console\n$ contoso build --release\n"
    "   Compiling hello v0.1.0\n    Finished release [optimized] target(s) in 0.50s\n"
    "     Running `target/release/hello`\n```\n"
)
NU_SESSION = (
    "# bits and\n\nApply bitwise and to two binary values:\n\n```nu\n"
    "> 0x[ab cd] | bits and 0x[99 99]\nLength: 2 (0x2) bytes | printable whitespace ascii_other\n"
    "00000000:   89 89\n```\n"
)
"""Nushell's examples: a command after its ``>`` prompt, then what it printed."""
QUOTED_SESSION = (
    "# Errors\n\n> Note: the compiler complains about lifetimes:\n>\n> ```console\n"
    "> $ cargo run\n> error: could not compile `structs` due to 2 previous errors\n> ```\n"
)
"""A terminal session in a quote: its lines start with the quote's ``>``."""
TYPES_TABLE = (
    "# math arccosh\n\nReturns the inverse of the hyperbolic cosine function.\n\n"
    "## Input/output types\n\n| input | output |\n| --- | --- |\n{rows}"
)
"""A generated table of types, its rows sorted anew and their angle brackets escaped with
character references instead of backslashes."""
MODIFIER = (
    "# HTTPRoute\n\nReference guide to HTTPRoute resources.\n\n### httpPathModfier\n\n"
    "`HTTPPathModifier` defines configuration for path modifiers.\n\n"
    "| field| value |\n|------|-------|\n"
    "| `type`| One of: ReplaceFullPath, ReplacePrefixMatch.|\n\n"
    "### httpBackendRef\n\n`HTTPBackendRef` defines where matching requests are sent.\n"
)
"""A reference whose heading misspells the type the section documents."""
PROMPTED = (
    "# Build\n\nBuild and install the library:\n\n```sh\n$ cd grpc\n$ mkdir -p cmake/build\n"
    "$ pushd cmake/build\n$ cmake -DgRPC_INSTALL=ON ../..\n$ make -j 4\n```\n"
)
"""Commands written after a shell's ``$`` prompt."""
CLAUSES = (
    "# 额外数据类型\n\n"
    "到目前为止，您一直在使用常见的数据类型，如：`int`、`float`、`str`、`bool`。\n\n"
    "但是您也可以使用更复杂的数据类型。\n"
)
"""A Chinese paragraph whose commas part clauses, not a list of values."""
UPLOAD_SAMPLE = (
    "```python\nfrom contoso import Client, Retry\n\n"
    'client = Client(\n    region="west",\n    retry=Retry(attempts=3, backoff=2.0),\n)\n'
    'for name in ("report.csv", "summary.csv", "totals.csv"):\n'
    '    with open(name, "rb") as data:\n        receipt = client.upload(name, data)\n'
    '    if receipt.duplicate:\n        print(f"{name}: already there")\n'
    '    else:\n        print(f"{name}: uploaded as {receipt.id}")\n'
    "client.close()\n```\n"
)
STEPS = (
    "# Upload a file\n\n1. Create a client and upload the file:\n\n{sample}\n2. Check the portal.\n"
)
LAUNCH = learn_page(
    "Start-Task",
    "Starts a task on the local computer.",
    "\n## Description\n\nThe `Start-Task` cmdlet starts a task. On Linux, run"
    " `Start-Tsk gedit` to launch the text editor.\n",
)
REMOTE = learn_page(
    "about_Remote_Variables",
    "Explains how to use local variables in remote commands.",
    "\n## Using local variables\n\nPrefix a local variable with the `$using` scope modifier"
    " to read its value in a remote command.\n\n## Script blocks\n\nScript blocks can"
    " declare the `DynamicParam` statement.\n",
)
VIEWS = learn_page(
    "about_Views",
    "Explains how to define a custom view.",
    "\n## Save the view\n\nSave the view definition as `Myview.Format.ps1xml`, then load it"
    " in each session.\n",
)
MESSAGES = learn_page(
    "ConvertFrom-Table",
    "Converts a table of messages.",
    "\n## Examples\n\n```powershell\n$Here = @'\nMsg1 = The string parameter is required.\n"
    "Msg2 = The specified variable does not exist.\n'@\nConvertFrom-Table -Text $Here\n```\n",
)
SEVERITIES = learn_page(
    "Support policy",
    "How incidents are handled.",
    "\n## Severity index\n\n| Severity | Impact | Examples |\n|---|---|---|\n"
    "| Severity 1 | Critical | The target is down |\n"
    "| Severity 2 | Urgent | Job status has not updated; results were not returned |\n",
)
CACHE_REWORDED = (
    "# Local cache\n\nThe agent keeps a local cache of the results. It\ndoesn't send the cache"
    " to the service, and you can delete it\nat any time without losing settings. Old entries"
    " expire after a day,\nwhich keeps the cache small and quick to read.\n"
)
OPERATORS = (
    "# Operators\n\n| Operator | Use |\n|---|---|\n| `$(…)…` | Macro repetition |\n"
    "| `..=` | Inclusive range |\n"
)
COMPILER = (
    "# Recursive types\n\nThe compiler says why:\n\n```text\nerror[E0072]: recursive type"
    " `List` has infinite size\nhelp: insert some indirection to make `List` representable\n```\n"
)
SERVICE = learn_page(
    "Get-ContosoService",
    "Gets the services of a Contoso host.",
    "\n## Syntax\n\n```\nGet-ContosoService [-Name <String[]>] [-DisplayName <String[]>]\n```\n"
    "\n## Examples\n\n### Example 1: Get a service by name\n\n```powershell\n"
    "Get-ContosoService -Name 'contoso-agent' | Stop-ContosoService\n```\n"
    "\n## Parameters\n\n### -Name\n\nThe names of the services to get.\n"
    "\n### -DisplayName\n\nThe display names of the services to get.\n",
)
SWITCH = learn_page(
    "about_Switch",
    "Explains how to use a switch to handle multiple conditional statements.",
    "\n## Syntax\n\n```Syntax\nswitch [-regex | -wildcard | -exact] [-casesensitive]"
    " (<test-expression>)\n```\n\nA function's `Process{}` block runs once per input:\n\n"
    "```Syntax\nfunction <name> {\n    Process{}\n}\n```\n",
)

TYPED_SAMPLE = (
    "# TypeScript\n\nType the parameters of a route.\n\n```ts\n"
    "type Params = { id: string };\nconst { id } = Astro.params as Params;\n"
    "const sum = (a, b) => a + b;\nconst render = (message) => `<p>${message}</p>`;\n```\n"
)
"""A TypeScript sample to which the page adds type annotations and from which it drops a
cast (withastro/docs)."""
IMAGE_COMPONENT = (
    "# Images\n\nWrap the image component in your own.\n\n```astro\n---\n"
    "import { Image } from 'astro:assets';\nconst { src, ...attrs } = Astro.props;\n---\n"
    "<Image src={src} {...attrs} />\n```\n"
)


MODULE_INDEX = (
    "---\ntitle: PSDesiredStateConfiguration\n---\n\n# PSDesiredStateConfiguration Module\n\n"
    "## PSDesiredStateConfiguration Cmdlets\n\n"
    "### [Get-DscResource](Get-DscResource.md)\n\n"
    "Gets the DSC resources present on the computer.\n\n"
    "### [New-DSCCheckSum](New-DSCCheckSum.md)\n\n"
    "Creates checksum files for DSC documents and DSC resources.\n\n"
    "### [Publish-DscConfiguration](Publish-DscConfiguration.md)\n\n"
    "Publishes a DSC configuration to a set of computers.\n"
)
"""A module's index of cmdlets, as the PowerShell reference writes it: a heading that links to
each cmdlet's page, its synopsis below."""


POLICY_PARTS = article(
    "Policies",
    "Approve certificate requests by policy.",
    body="## Behavior\n\nA policy is split into 4 parts; `allowed`, `contraints`,\n"
    "`selector`, and `plugins`.\n\n### Allowed\n\nWhat a request may ask for.\n\n"
    "### Constraints\n\nLimits on what is allowed (`constraints.maxDuration`).\n",
)
"""A sentence that lists a resource's parts by name, one misspelt (the page spells it right
further down)."""

SCALING = article(
    "Scaling modifiers",
    "Compose the metrics of several triggers into one.",
    body="## Specification\n\n```yaml\nadvanced:\n  scalingModifiers:\n"
    "    target: {target-value-to-scale-on}  # Mandatory. New target\n"
    "    metricType: {metric-tipe-for-the-modifier}  # Optional. Metric type to use\n"
    "```\n\n## Parameters\n\n"
    "- `queryAggregator` - When `query` is multiple queries, comma-seperated, this sets how"
    " to aggregate the results. (Values: `max`, `average`)\n",
)
"""A sample's placeholder and a parameter's description, each with a word misspelt that the
page spells nowhere else."""

HELM_SHOW = article(
    "helm show",
    "Affiche les informations d'une chart.",
    body="## Options héritées des commandes parents\n\n```\n"
    "      --debug                  active la sortie détaillée\n"
    "      --kube-context string    nom du contexte kubeconfig à utiliser pour l'operation\n"
    "```\n",
)
"""A command's help translated into French, a word of it written without its accent."""

LINE_COMMENTS = article(
    "Comments",
    "Notes a program keeps for its readers.",
    body="## Line comments\n\n```rust,editable\nfn main() {\n"
    "    let x = 5 + /* 90 + */ 5; // This is an example of a line comment.\n"
    '    println!("Is `x` 10 or 100? x = {}", x);\n}\n```\n',
)
"""A sample of an mdBook page, whose fence names its language with an attribute
(``rust,editable``)."""


MOUNT = learn_page(
    "Mount a disk",
    "Mount a Linux disk in WSL 2.",
    "## Mount the disk\n\nMount one partition of the disk:\n\n```powershell\n"
    "wsl --mount <DiskPath> --partition <PartitionNumber> --type ext4\n```\n",
)
"""A command whose placeholders (what readers fill in) are named in angle brackets."""


RENEWAL = article(
    "Renewal",
    "Renew certificates before they expire.",
    body="## Failed issuance\n\nA failed issuance is retried after an increasing delay\n"
    "(1 to 32 hours) by creating a new `CertficateRequest`. You can trigger an\n"
    "immediate renewal with `cmctl renew`.\n\n"
    "A `CertificateRequest` that failed stays until the next one is created.\n",
)
"""A paragraph that misspells a resource the page names right further down."""


CORRECTIONS = {
    "typo-in-a-product-name-in-prose": (
        "learn",
        f"{LEARN_DOCS}/deploy-aks.md",
        AKS,
        AKS.replace("Azure Kuberentes Service", "Azure Kubernetes Service"),
    ),
    "typo-in-a-cmdlet-name-the-sample-spells-right": (
        "learn",
        f"{LEARN_DOCS}/deploy-aks.md",
        AKS,
        AKS.replace("`Get-AzConext`", "`Get-AzContext`"),
    ),
    "case-of-a-name-as-the-sample-declares-it": (
        "docusaurus",
        "docs/events.md",
        SUBSCRIBE,
        SUBSCRIBE.replace("Pass a `callback`", "Pass a `callBack`"),
    ),
    "sample-parameter-spelled-as-declared": (
        "mkdocs",
        "docs/send.md",
        SEND,
        SEND.replace("retry=5)", "retries=5)"),
    ),
    "sample-unused-import-dropped": (
        "mkdocs",
        "docs/send.md",
        SEND,
        SEND.replace("import os\n", ""),
    ),
    "link-definitions-sorted-and-cased-as-cited": (
        "hugo",
        "content/functions/resources/ExecuteAsTemplate.md",
        TEMPLATE,
        TEMPLATE.replace("[`Publish`],", "[`Publish`][],")
        .replace(
            "[`publish`]: /methods/resource/publish/\n[`permalink`]: /methods/resource/permalink/",
            "[`Permalink`]: /methods/resource/permalink/\n[`Publish`]: /methods/resource/publish/",
        )
        .replace("[`relpermalink`]:", "[`RelPermalink`]:"),
    ),
    "sample-calls-through-a-helper-it-defines": (
        "docusaurus",
        "docs/buttons.md",
        PRESS,
        PRESS_WITH_HELPER,
    ),
    "translated-text-inside-a-sample": (
        "docusaurus",
        "docs/container.md",
        GREETING,
        GREETING.replace("로그인 되었습니다.", "로그인 상태입니다.").replace(
            "로그인하세요.", "로그아웃 상태입니다."
        ),
    ),
    "a-sentence-naming-something-else-while-the-page-keeps-the-name": (
        "mkdocs",
        "docs/background.md",
        BACKGROUND,
        BACKGROUND.replace(
            "set `CONTOSO_DEV_BACKGROUND` before running `contoso dev`.",
            "set `CONTOSO_DEV_BACKGROUND` or `CONTOSO_PREVIEW_BACKGROUND` before running the"
            " command.",
        ),
    ),
    "a-sample-that-uses-another-parameter-the-page-still-documents": (
        "learn",
        f"{LEARN_DOCS}/get-contososervice.md",
        SERVICE,
        SERVICE.replace("-Name 'contoso-agent'", "-DisplayName 'Contoso Agent'"),
    ),
    "case-and-spacing-of-names-in-a-syntax-block": (
        "learn",
        f"{LEARN_DOCS}/about_switch.md",
        SWITCH,
        SWITCH.replace(
            "[-regex | -wildcard | -exact] [-casesensitive]",
            "[-Regex | -Wildcard | -Exact] [-CaseSensitive]",
        ).replace("Process{}", "process {}"),
    ),
    "a-paragraph-rewrapped-so-a-negation-changed-lines": (
        "mkdocs",
        "docs/cache.md",
        CACHE,
        CACHE_REWRAPPED,
    ),
    "what-a-command-printed-in-a-terminal-session": (
        "mkdocs",
        "docs/build.md",
        SESSION,
        SESSION.replace(
            "Finished release [optimized] target(s) in 0.50s",
            "Finished `release` profile [optimized] target(s) in 0.42s",
        ).replace("Running `target", "Running `./target"),
    ),
    "what-a-command-printed-after-nushells-prompt": (
        "mkdocs",
        "docs/bits.md",
        NU_SESSION,
        NU_SESSION.replace(
            "bytes | printable whitespace", "bytes | null_char printable whitespace"
        ),
    ),
    "what-a-command-printed-in-a-quoted-terminal-session": (
        "mkdocs",
        "docs/errors.md",
        QUOTED_SESSION,
        QUOTED_SESSION.replace("`structs` due to", '`structs` (bin "structs") due to'),
    ),
    "a-clause-of-chinese-prose-reworded": (
        "mkdocs",
        "docs/types.md",
        CLAUSES,
        CLAUSES.replace("您", "你"),
    ),
    "a-sample-indented-under-its-list-step": (
        "mkdocs",
        "docs/upload.md",
        STEPS.format(sample=UPLOAD_SAMPLE),
        STEPS.format(sample=textwrap.indent(UPLOAD_SAMPLE, "    ")),
    ),
    "typo-in-one-word-of-a-command-line": (
        "learn",
        f"{LEARN_DOCS}/start-task.md",
        LAUNCH,
        LAUNCH.replace("`Start-Tsk gedit`", "`Start-Task gedit`"),
    ),
    "a-sign-around-a-name": (
        "learn",
        f"{LEARN_DOCS}/about_remote_variables.md",
        REMOTE,
        REMOTE.replace("the `$using` scope", "the `Using:` scope"),
    ),
    "case-of-a-name-in-a-paragraph-written-anew": (
        "learn",
        f"{LEARN_DOCS}/about_remote_variables.md",
        REMOTE,
        REMOTE.replace(
            "Script blocks can declare the `DynamicParam` statement.",
            "Like functions, script blocks accept `dynamicparam` and the three named blocks"
            " that run for each input.",
        ),
    ),
    "a-file-name-written-out-with-its-folder": (
        "learn",
        f"{LEARN_DOCS}/about_views.md",
        VIEWS,
        VIEWS.replace("`Myview.Format.ps1xml`", "`$HOME\\Format\\MyView.Format.ps1xml`"),
    ),
    "a-negation-contracted-in-a-sample-message": (
        "learn",
        f"{LEARN_DOCS}/convertfrom-table.md",
        MESSAGES,
        MESSAGES.replace("does not exist", "doesn't exist"),
    ),
    "negations-contracted-in-a-table-row": (
        "learn",
        f"{LEARN_DOCS}/support-policy.md",
        SEVERITIES,
        SEVERITIES.replace("has not", "hasn't").replace("were not", "weren't"),
    ),
    "a-paragraph-rewrapped-beside-a-sentence-rewritten": (
        "mkdocs",
        "docs/cache.md",
        CACHE.replace(
            "time without losing settings.\n",
            "time without losing settings. Large caches won't slow the agent\ndown because old"
            " entries expire.\n",
        ),
        CACHE_REWORDED,
    ),
    "typographic-signs-in-a-name": (
        "mkdocs",
        "docs/operators.md",
        OPERATORS,
        OPERATORS.replace("`$(…)…`", "`$(...)...`"),
    ),
    "a-message-in-a-plain-text-block": (
        "mkdocs",
        "docs/recursive.md",
        COMPILER,
        COMPILER.replace("to make `List` representable", "to break the cycle"),
    ),
    "numbers-in-link-addresses": (
        "mkdocs",
        "docs/static-files.md",
        BUNDLER,
        BUNDLER.replace(
            "master/config/defaults.js#L14-L44", "main/config/defaults.js#L16-L51"
        ).replace("/v14/", "/v16/"),
    ),
    "sample-calls-a-member-by-the-name-it-imports": (
        "docusaurus",
        "docs/counter.md",
        COUNTER,
        COUNTER.replace("import React", "import {useState}").replace(
            "React.useState(", "useState("
        ),
    ),
    "a-compiler-errors-example-with-names-of-its-own-changed": (
        "learn",
        f"{LEARN_DOCS}/compiler-error-c2735.md",
        C2735,
        C2735_REWRITTEN,
    ),
    "a-package-pinned-to-the-release-in-an-install-command": (
        "mkdocs",
        "docs/install.md",
        INSTALL_EXACT,
        INSTALL_EXACT.replace("save-exact prettier", "save-exact prettier@3.9.6").replace(
            "install httpx", "install httpx==0.28.1"
        ),
    ),
    "a-folder-named-do-not-import-in-a-path": (
        "mkdocs",
        "docs/subscriptions.md",
        ENVELOPES,
        ENVELOPES.replace("/src/rpc/", "/src/unstable-core-do-not-import/rpc/"),
    ),
    "a-callbacks-parameter-renamed": (
        "mkdocs",
        "docs/headers.md",
        CLIENT,
        CLIENT.replace("config(opts)", "config(config)"),
    ),
    "a-callbacks-destructured-parameter-renamed": (
        "mkdocs",
        "docs/headers.md",
        CLIENT.replace("config(opts)", "config({ ctx })"),
        CLIENT.replace("config(opts)", "config(config)"),
    ),
    "a-slash-spaced-out-in-chinese-text": (
        "mkdocs",
        "docs/first-steps.md",
        "# 第一步\n\n这个参数不会创建该端点/*路径操作*，而是声明客户端应使用 `/token` 这个 URL"
        " 来获取令牌。\n",
        "# 第一步\n\n这个参数不会创建该端点 / *路径操作*，而是声明客户端应使用 `/token` 这个 URL"
        " 来获取令牌。\n",
    ),
    "an-admonitions-title-translated": (
        "mkdocs",
        "docs/tr/docs/extending-openapi.md",
        "# OpenAPI'yi genişletme\n\n/// note | Bilgi\n\nŞemayı bir kez üretir.\n\n///\n",
        "# OpenAPI'yi genişletme\n\n/// note | Not\n\nŞemayı bir kez üretir.\n\n///\n",
    ),
    "a-samples-messages-translated": (
        "mkdocs",
        "docs/ko/toolbar-app.md",
        "# 툴바 앱\n\n```ts\ncanvas.appendChild(document.createTextNode('Hello World!'));\n"
        "server.send('my-message', { message: 'Hello!' });\n```\n",
        '# 툴바 앱\n\n```ts\ncanvas.appendChild(document.createTextNode("환영합니다!"));\n'
        'server.send("my-message", { message: "안녕하세요!" });\n```\n',
    ),
    "a-pod-name-written-as-a-placeholder": (
        "learn",
        f"{LEARN_DOCS}/troubleshoot-connected-registry.md",
        learn_page(
            "Troubleshoot the connected registry",
            "Read the logs of the registry's pod.",
            "\n```bash\nkubectl logs connected-registry-8d886cf7f-w4prp -n registry\n```\n",
        ),
        learn_page(
            "Troubleshoot the connected registry",
            "Read the logs of the registry's pod.",
            "\n```bash\nkubectl logs connected-registry-xxxxxxxxx-xxxxx -n registry\n```\n",
        ),
    ),
    "a-keyword-dropped-when-a-sample-is-written-anew": (
        "mkdocs",
        "docs/handler.md",
        HANDLER,
        HANDLER.replace("handler as RequestListener", "createHTTPServer(handler)"),
    ),
    "a-handler-made-async": (
        "mkdocs",
        "docs/routing.md",
        "# Routing\n\nName a part of the path.\n\n```ts\napp.get('/user/:name', (c) => {\n"
        "  const name = c.req.param('name')\n  return c.text(name)\n})\n```\n",
        "# Routing\n\nName a part of the path.\n\n```ts\napp.get('/user/:name', async (c) => {\n"
        "  const name = c.req.param('name')\n  return c.text(name)\n})\n```\n",
    ),
    "types-written-into-a-sample-and-a-cast-dropped": (
        "mkdocs",
        "docs/typescript.md",
        TYPED_SAMPLE,
        TYPED_SAMPLE.replace("(a, b)", "(a: any, b: any)")
        .replace("(message) =>", "(message: string) =>")
        .replace(" as Params;", ";"),
    ),
    "a-prop-taken-apart-and-passed-on": (
        "mkdocs",
        "docs/images.md",
        IMAGE_COMPONENT,
        IMAGE_COMPONENT.replace("{ src, ...attrs }", "{ alt, src, ...attrs }").replace(
            "<Image src={src}", "<Image alt={alt} src={src}"
        ),
    ),
    "a-commonjs-sample-written-as-an-es-module": (
        "docusaurus",
        "docs/plugins.md",
        PLUGINS,
        PLUGINS_AS_MODULE,
    ),
    "the-case-of-a-cmdlet-fixed-in-a-modules-index": (
        "learn",
        f"{LEARN_DOCS}/PSDesiredStateConfiguration.md",
        MODULE_INDEX,
        MODULE_INDEX.replace("New-DSCCheckSum", "New-DscChecksum"),
    ),
    "a-misspelt-name-fixed-in-a-paragraph-written-anew": (
        "mkdocs",
        "docs/renewal.md",
        RENEWAL,
        RENEWAL.replace(
            "(1 to 32 hours) by creating a new `CertficateRequest`. You can trigger an\n",
            "(1 to 32 hours by default; the controller's flags set both limits) by creating a\n"
            "new `CertificateRequest`. You can trigger an\n",
        ),
    ),
    "the-placeholders-of-a-command-renamed": (
        "learn",
        f"{LEARN_DOCS}/mount-disk.md",
        MOUNT,
        MOUNT.replace("<DiskPath> --partition <PartitionNumber>", "<Disk> --partition <Index>"),
    ),
    "a-misspelt-value-fixed-in-a-list-of-values": (
        "mkdocs",
        "docs/policy.md",
        POLICY_PARTS,
        POLICY_PARTS.replace("`contraints`", "`constraints`"),
    ),
    "a-misspelt-word-of-a-placeholder-fixed": (
        "mkdocs",
        "docs/scaling.md",
        SCALING,
        SCALING.replace("metric-tipe", "metric-type"),
    ),
    "the-comments-of-sample-lines-reworded": (
        "mkdocs",
        "docs/scaling.md",
        SCALING,
        SCALING.replace(
            "# Mandatory. New target", "# Mandatory. The new target (see below)"
        ).replace("# Optional. Metric type to use", "# Optional. Defaults to `AverageValue`"),
    ),
    "an-accent-put-on-a-word-of-a-translated-help": (
        "mkdocs",
        "docs/helm_show.md",
        HELM_SHOW,
        HELM_SHOW.replace("l'operation", "l'opération"),
    ),
    "a-misspelt-word-fixed-in-a-list": (
        "mkdocs",
        "docs/scaling.md",
        SCALING,
        SCALING.replace("comma-seperated", "comma-separated"),
    ),
}


@pytest.mark.parametrize("name", sorted(CORRECTIONS))
def test_a_correction_is_a_minor_update(docs_repo: DocsRepo, name: str) -> None:
    """RUBRIC.md:

    "Fixing a typo or the case of a name, or making a sample agree with the text around it
    (a parameter spelled as declared, an unused import dropped), is a minor update: what the
    reader relied on was never the typo."

    A product name misspelt in prose; a cmdlet name misspelt in the text while the sample
    below spells it right; `callback` → `callBack` where the sample declares `callBack`; a
    sample call that passed `retry=` to a function declaring `retries`; an unused import;
    a sample that imports `useState` by name and calls it so instead of `React.useState`;
    reference-link definitions sorted and cased as the text cites them (they show nothing);
    numbers in link addresses (a line range `#L14-L44` of a linked file is no default); a
    sample that calls `Alert.alert` through a `showAlert` helper it now defines itself; the
    text of a translated sample reworded (words in Korean are language, not names); one
    sentence that stops naming `contoso dev`, which the page still names elsewhere; an
    example that now uses `-DisplayName` where it used `-Name`, which the page still documents
    (what readers type still works: the example chose another of its parameters); the case
    and spacing of names in a syntax block (`-casesensitive` → `-CaseSensitive`, `Process{}`
    → `process {}`); a hard-wrapped paragraph reworded and wrapped anew, so that its
    "doesn't" moved to the next line (the paragraph still says it), beside a sentence
    rewritten in other words; what a command printed
    in a terminal session (the lines its `$` prompt does not lead), which readers read and
    never type; a sample indented under the list step it belongs to, line for line the same;
    a command line whose one misspelt word now agrees with the page (`Start-Tsk gedit`); the
    sign around a name (`$using` → `Using:`); the case of a name in a paragraph written anew
    (`DynamicParam` → `dynamicparam`); a file name written out with its folder and its case
    fixed (`Myview.Format.ps1xml` → `$HOME\\Format\\MyView.Format.ps1xml`); a message in a
    sample that says "doesn't" for "does not"; a table row that says "hasn't" and "weren't"
    for "has not" and "were not"; an ellipsis typed as three dots in a name
    (`$(…)…` → `$(...)...`); a compiler's message in a plain-text block reworded; the case of
    a cmdlet fixed in a module's index of cmdlets (`New-DSCCheckSum` → `New-DscChecksum`, its
    link with it: PowerShell and Learn addresses ignore case); type annotations written into a
    TypeScript sample (`(a: any, b: any)`) and a cast dropped (`as Params`); a prop a sample's
    component takes apart from its props (`const { alt, src, ...attrs }`) and passes on; a
    misspelt name fixed in a sentence that lists names (`allowed`, `contraints`, …); a word
    of a name that is no English word spelled as the English word a letter away, where the
    page never spelled it right (`{metric-tipe-for-the-modifier}`, `comma-seperated`); the
    comments that end the lines of a sample reworded (`# Optional. Defaults to …`): read,
    not typed; a word of a command's help translated into French given its accent
    (`operation` → `opération`: language, not a name); the
    placeholders of a command renamed (`<PartitionNumber>` → `<Index>`: what readers fill in);
    what a command printed after nushell's `>` prompt, and in a terminal session in a quote
    (whose lines all start with the quote's `>`); a Chinese paragraph whose clauses, parted by
    commas, changed their "you" (您 → 你): no list of values.
    """
    site, path, before, after = CORRECTIONS[name]
    expect(_edit(docs_repo, path, before, after, site), path, MINOR)


LIFETIMES = (
    "# Lifetimes\n\nEvery reference has a lifetime: the scope for which it is valid.\n\n"
    "## Preventing Dangling References with Lifetimes\n\nA lifetime keeps a reference from"
    " outliving the data it refers to. The borrow checker compares the scopes and refuses a"
    " reference that would outlive its data.\n\n## Lifetime Annotation Syntax\n\nAnnotations"
    " describe how the lifetimes of several references relate to each other.\n"
)


def test_a_file_tree_redrawn_and_a_version_written_as_placeholders(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "formatting, style" is a minor update. A project's file tree drawn anew
    with box-drawing characters (`|- index.js` → `├── index.js`) shows the same files: no
    line of the sample changed; a build's output that writes its version as `5.x.x` instead
    of `5.4.0` changes no name."""
    path = "docs/output-management.md"
    item = expect(_edit(docs_repo, path, BUILD_OUTPUT, BUILD_OUTPUT_REDRAWN), path, MINOR)
    changed = [s for s in item["signals"] if s["kind"] in ("code_changed", "code_line_changed")]
    assert [s["language"] for s in changed] == ["bash"], changed  # the output line, no name


COMMAND_PAGE = (
    "# polars agg-groups\n\nCreates an agg_groups expression.\n\n"
    "::: warning This command requires a plugin\nThe `polars agg-groups` command resides in"
    " the `polars` plugin.\nTo use this command, you must install and register"
    " `nu_plugin_polars`.\n:::\n\n## Flags\n\nUse `--sorted` to keep the groups in order."
    "\n\n## Examples\n\nGet the group index of each group.\n"
)

ATTACHMENT_LIMITS = (
    "# Limits for activation and the JavaScript API\n\n|Feature|Limit|API|Description|\n"
    "|---|---|---|---|\n"
)
OLD_ROW = (
    "|Base64-encoded string of an attachment|27,892,122 characters (about 25 MB)|"
    "[Item.addFileAttachmentFromBase64Async](/javascript/api/outlook/item#methods) method"
    "<br/><br/>[ReplyFormAttachment.base64file](/javascript/api/outlook/replyformattachment)|"
    "Limit of the Base64-encoded string to be added as an attachment to an item.|\n"
)
NEW_ROW = (
    "|Base64-encoded string of an attachment|34,865,152 characters|<ul><li>"
    "`Item.addFileAttachmentFromBase64Async` method ([MessageCompose]"
    "(/javascript/api/outlook/messagecompose#addfileattachmentfrombase64async-member(1)))"
    "</li><li>[ReplyFormAttachment.base64file](/javascript/api/outlook/replyformattachment)"
    " property</li></ul>|Limit of the Base64-encoded string to be added as an attachment to an"
    " item. This limit corresponds to a maximum file size of 25 MB before Base64 encoding.|\n"
)


def test_a_limit_raised_in_a_table_row_with_paths_and_line_breaks(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "Availability or a limit is expanded" is a new feature. A limit raised in
    a table row whose cells hold link paths and `<br/>` line breaks: the paths and breaks are
    no words of the statement, and no part of its numbers either."""
    path = "docs/limits.md"
    before, after = ATTACHMENT_LIMITS + OLD_ROW, ATTACHMENT_LIMITS + NEW_ROW
    expect(_edit(docs_repo, path, before, after), path, NEW)


def test_a_heading_reworded_with_its_old_anchor_kept_is_no_removed_section(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md: "Fixing a typo or the case of a name [...] is a minor update"; a section is
    removed only when what it documented is gone. A heading reworded while the page keeps an
    anchor of its old name above the new one (`<a id="old-slug"></a>`, as rust-lang/book
    does so that links keep working) is the same section under a new name."""
    mdbook_site(docs_repo, "- [Lifetimes](lifetimes.md)\n")
    path = "src/lifetimes.md"
    docs_repo.write(path, LIFETIMES)
    base = docs_repo.commit("base")
    docs_repo.write(
        path,
        LIFETIMES.replace(
            "## Preventing Dangling References with Lifetimes",
            '<a id="preventing-dangling-references-with-lifetimes"></a>\n\n'
            "## When a Reference Outlives Its Data",
        ).replace(
            "A lifetime keeps a reference from outliving the data it refers to. The borrow"
            " checker compares the scopes and refuses a reference that would outlive its data.",
            "Rust rejects any program in which a reference could be used after its data is"
            " dropped; the compiler's error names both scopes so that you can fix it.",
        ),
    )
    head = docs_repo.commit("heading reworded, old anchor kept")
    item = expect(judge(docs_repo, base, head), path, MINOR)
    kinds = [signal["kind"] for signal in item["signals"]]
    assert "section_renamed" in kinds and "section_removed" not in kinds, kinds


GERMAN = (
    "# Erste Schritte\n\n"
    "Die einfachste FastAPI-Datei könnte wie folgt aussehen.\n\n"
    "Stellen Sie sicher, dass Sie die correkten Werte für `host` und `port` verwenden, bevor"
    " Sie den Server starten.\n\n"
    "{* ../../docs_src/first_steps/tutorial001_py39.py *}\n"
)


def test_a_translation_fix_is_a_minor_update(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Fixing a typo [...] is a minor update." The typo is in a translated page
    (`correkten` → `korrekten`, FastAPI's layout: one MkDocs configuration per language,
    `docs/de/docs/` inheriting from `docs/en/mkdocs.yml`)."""
    docs_repo.write(
        "docs/en/mkdocs.yml",
        "site_name: FastAPI\nsite_url: https://fastapi.tiangolo.com/\ndocs_dir: docs\n"
        "theme:\n  name: material\n  language: en\n",
    )
    docs_repo.write(
        "docs/de/mkdocs.yml",
        "INHERIT: ../en/mkdocs.yml\nsite_url: https://fastapi.tiangolo.com/de/\n",
    )
    docs_repo.write("docs/en/docs/tutorial/first-steps.md", "# First Steps\n\nThe simplest file.\n")
    path = "docs/de/docs/tutorial/first-steps.md"
    docs_repo.write(path, GERMAN)
    base = docs_repo.commit("base")
    docs_repo.write(path, GERMAN.replace("correkten", "korrekten"))
    head = docs_repo.commit("Fix typo in German translation")
    expect(judge(docs_repo, base, head), path, MINOR)


# --- Include and snippet paths readers never see ----------------------------------------------

TUTORIAL = (
    "# Query Parameters\n\n"
    "When you declare other function parameters that are not part of the path parameters,"
    " they are automatically interpreted as query parameters.\n\n"
    "{* ../../docs_src/query_params/tutorial001_py39.py hl[9] *}\n\n"
    "The query is the set of key-value pairs that go after the `?` in a URL.\n"
)
SAMPLE = (
    "from fastapi import FastAPI\n\napp = FastAPI()\n\n"
    'fake_items_db = [{"item_name": "Foo"}, {"item_name": "Bar"}]\n\n\n'
    '@app.get("/items/")\nasync def read_item(skip: int = 0, limit: int = 10):\n'
    "    return fake_items_db[skip : skip + limit]\n"
)


def test_a_fastapi_source_include_path_is_a_minor_update(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Renaming something readers type or call [...] is breaking" — but not an include path
    readers never see: FastAPI's `{* ../../docs_src/a/tutorial001.py *}` now points to the
    sample's new folder (the sample moved in the same range). The page shows the same code:
    minor; the moved sample publishes no page of its own: minor."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs_src/query_params/tutorial001_py39.py", SAMPLE)
    docs_repo.write("docs/tutorial/query-params.md", TUTORIAL)
    base = docs_repo.commit("base")
    docs_repo.move(
        "docs_src/query_params/tutorial001_py39.py",
        "docs_src/query_params_intro/tutorial001_py39.py",
    )
    docs_repo.write(
        "docs/tutorial/query-params.md",
        TUTORIAL.replace("docs_src/query_params/", "docs_src/query_params_intro/"),
    )
    head = docs_repo.commit("move sources")
    items = judge(docs_repo, base, head)
    expect(items, "docs/tutorial/query-params.md", MINOR)
    expect(items, "docs_src/query_params_intro/tutorial001_py39.py", MINOR)


@pytest.mark.parametrize(
    ("site", "page", "old", "new", "old_line", "new_line"),
    [
        (
            "mkdocs",
            "docs/install.md",
            "snippets/install-note.md",
            "includes/install-note.md",
            '--8<-- "snippets/install-note.md"',
            '--8<-- "includes/install-note.md"',
        ),
        (
            "learn",
            f"{LEARN_DOCS}/install.md",
            "reference/includes/install-note.md",
            "reference/includes/install/note.md",
            "[!INCLUDE [note](../includes/install-note.md)]",
            "[!INCLUDE [note](../includes/install/note.md)]",
        ),
    ],
    ids=["mkdocs-snippets", "learn-include"],
)
def test_an_include_path_readers_never_see_is_a_minor_update(
    docs_repo: DocsRepo, site: str, page: str, old: str, new: str, old_line: str, new_line: str
) -> None:
    """RUBRIC.md:

    "Renaming something readers type or call [...] is breaking" — an include path is not
    something readers type: a `--8<--` snippet path or a Learn `[!INCLUDE]` path follows
    the include's move, and the page shows the same text."""
    {"mkdocs": mkdocs_site, "learn": learn_site}[site](docs_repo)
    docs_repo.write(old, "The installer needs administrator rights on Windows.\n")
    docs_repo.write(page, learn_page("Install", "Install the agent.", f"\n{old_line}\n"))
    base = docs_repo.commit("base")
    docs_repo.move(old, new)
    docs_repo.write(page, learn_page("Install", "Install the agent.", f"\n{new_line}\n"))
    head = docs_repo.commit("move include")
    expect(judge(docs_repo, base, head), page, MINOR)


# --- Renames and corrected statements: breaking ------------------------------------------------

RENAMES = {
    "command": (
        "Run `contoso deploy` to publish the site:\n\n"
        "```bash\ncontoso deploy --env production\n```\n",
        "Run `contoso release` to publish the site:\n\n"
        "```bash\ncontoso release --env production\n```\n",
    ),
    "parameter": (
        "Pass `overwrite=True` to replace a blob that exists:\n\n```python\n"
        'client.upload("report.csv", overwrite=True)\n```\n',
        "Pass `replace=True` to replace a blob that exists:\n\n```python\n"
        'client.upload("report.csv", replace=True)\n```\n',
    ),
    "option": (
        "Add `--dry-run` to see the changes without applying them:\n\n```bash\n"
        "contoso apply --dry-run\n```\n",
        "Add `--plan` to see the changes without applying them:\n\n```bash\n"
        "contoso apply --plan\n```\n",
    ),
    "endpoint": (
        "Create a job with `POST /v1/jobs`:\n\n```bash\n"
        'curl -X POST https://api.contoso.dev/v1/jobs -d \'{"name": "nightly"}\'\n```\n',
        "Create a job with `POST /v1/tasks`:\n\n```bash\n"
        'curl -X POST https://api.contoso.dev/v1/tasks -d \'{"name": "nightly"}\'\n```\n',
    ),
    "package": (
        "Install the SDK from PyPI:\n\n```bash\npip install contoso-sdk\n```\n",
        "Install the SDK from PyPI:\n\n```bash\npip install contoso-client\n```\n",
    ),
    "setting": (
        "Set `CONTOSO_TIMEOUT` to change how long a request may take:\n\n```bash\n"
        "export CONTOSO_TIMEOUT=60\n```\n",
        "Set `CONTOSO_REQUEST_TIMEOUT` to change how long a request may take:\n\n```bash\n"
        "export CONTOSO_REQUEST_TIMEOUT=60\n```\n",
    ),
    "api-member": (
        "List the items of a workspace with `client.list_items()`:\n\n```python\n"
        "for item in client.list_items(workspace_id):\n    print(item.name)\n```\n",
        "List the items of a workspace with `client.items.list()`:\n\n```python\n"
        "for item in client.items.list(workspace_id):\n    print(item.name)\n```\n",
    ),
    "command-typed-in-a-terminal-session": (
        "Package the site:\n\n```console\n$ contoso bundle --out dist\nWrote 12 files\n```\n",
        "Package the site:\n\n```console\n$ contoso pack --out dist\nWrote 12 files\n```\n",
    ),
    "option-of-a-sample-line-with-a-comment": (
        "Preview the changes first:\n\n```bash\n"
        "contoso apply --dry-run  # prints the plan, changes nothing\n```\n",
        "Preview the changes first:\n\n```bash\n"
        "contoso apply --plan  # prints the plan, changes nothing\n```\n",
    ),
    "api-member-a-letter-away": (
        "Read an account with `client.get_user()`:\n\n```python\n"
        "account = client.get_user(account_id)\n```\n",
        "Read an account with `client.get_users()`:\n\n```python\n"
        "account = client.get_users(account_id)\n```\n",
    ),
}


RENAMED = {
    "command": "contoso deploy",
    "parameter": "overwrite",
    "option": "--dry-run",
    "endpoint": "/v1/jobs",
    "package": "contoso-sdk",
    "setting": "CONTOSO_TIMEOUT",
    "api-member": "list_items",
    "command-typed-in-a-terminal-session": "bundle",
    "option-of-a-sample-line-with-a-comment": "--dry-run",
    "api-member-a-letter-away": "get_user",
}
"""What the report names as renamed: breaking needs named evidence (issue 16)."""


def _reference(body: str) -> str:
    return (
        "# Reference\n\nThe tasks below cover the everyday work with Contoso.\n\n"
        f"## Usage\n\n{body}\n## See also\n\n- [Install](install.md)\n"
    )


def test_a_version_replaced_in_a_list_of_values_is_no_spelling_fix(docs_repo: DocsRepo) -> None:
    """Counter-case to a misspelt value fixed: ``v1beta1`` → ``v1beta2`` differs by one
    character, as a typo does, but a changed number is another version, not a spelling
    (RUBRIC.md: a supported version removed is breaking)."""
    before = _reference("The API serves these versions: `v1`, `v1beta1`, `v1alpha1`.\n")
    after = before.replace("`v1beta1`", "`v1beta2`")
    path = "docs/reference.md"
    item = expect(_edit(docs_repo, path, before, after), path, BREAKING)
    names(item, "v1beta1")


def test_a_table_row_escaped_anew_is_the_same_row(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "markup-syntax conversions [...] with the same rendered text are minor". A
    generated table sorted anew writes ``list\\<number\\>`` as ``list&lt;number&gt;``: the
    page shows the same row, none removed."""
    before = TYPES_TABLE.format(rows="| list\\<number\\> | list\\<float\\> |\n| number | float |\n")
    after = TYPES_TABLE.format(
        rows="| number | float |\n| list&lt;number&gt; | list&lt;float&gt; |\n"
    )
    item = expect(_edit(docs_repo, "docs/arccosh.md", before, after), "docs/arccosh.md", MINOR)
    assert not _kinds(item) & {"table_row_removed", "table_row_added"}


def test_a_heading_spelled_right_above_its_table_realigned_is_the_same_section(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md: fixing a typo is a minor update. A heading's spelling fixed
    (``httpPathModfier`` → ``HTTPPathModifier``) while its table is realigned, so that no
    line of the section stays as it was: one section renamed, none removed."""
    after = (
        MODIFIER.replace("### httpPathModfier", "### HTTPPathModifier")
        .replace("| field| value |\n|------|-------|", "| field | value |\n| ----- | ----- |")
        .replace("| `type`| One", "| `type` | One")
        .replace("for path modifiers.", "for the modifiers of a path.")
    )
    _one_section_renamed(docs_repo, "docs/httproute.md", MODIFIER, after)


HELP = (
    "# contoso create\n\nCreate resources.\n\n### Options inherited from parent commands\n\n"
    "```\n"
    "      --add_dir_header            If true, adds the file directory to the log header\n"
    "      --kubeconfig string         Paths to a kubeconfig. Only required out of cluster.\n"
    "      --stderrthreshold severity  logs at or above this threshold go to stderr (default 2)\n"
    "  -v, --v Level                   number for the log level verbosity\n"
    "```\n"
)
"""A command's help, as cobra generates it: each option, its type, what it does."""


def test_an_option_added_to_a_commands_help_is_new(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: new feature: "a new [...] parameter, option". A generated help gains an
    option, so every line is realigned, and another option's description is reworded: the
    option added is new; no sample line changed."""
    after = (
        HELP.replace("--add_dir_header            If", "--add_dir_header                      If")
        .replace(
            "      --kubeconfig string         Paths",
            "      --alsologtostderrthreshold severity   the lowest level also logged to stderr\n"
            "      --kubeconfig string                   Paths",
        )
        .replace("--stderrthreshold severity  logs", "--stderrthreshold severity            logs")
        .replace("to stderr (default 2)", "to stderr unless told otherwise (default 2)")
        .replace(
            "  -v, --v Level                   number",
            "  -v, --v Level                         number",
        )
    )
    item = expect(_edit(docs_repo, "docs/create.md", HELP, after), "docs/create.md", NEW)
    names(item, "--alsologtostderrthreshold")
    assert not _kinds(item) & {"code_changed", "code_line_changed"}


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("go to stderr", "are written to stderr"), MINOR),
        (("(default 2)", "(default 3)"), BREAKING),
    ],
)
def test_a_help_line_that_states_a_default(
    docs_repo: DocsRepo, edit: tuple[str, str], expected: str
) -> None:
    """RUBRIC.md: a changed default is breaking. In a command's help the default is what the
    option's ``(default …)`` says: a description reworded beside it changes none; the value
    changed does."""
    item = expect(
        _edit(docs_repo, "docs/create.md", HELP, HELP.replace(*edit)), "docs/create.md", expected
    )
    assert ("default_changed" in _kinds(item)) == (expected == BREAKING)


def test_an_option_dropped_from_a_commands_help_is_breaking(docs_repo: DocsRepo) -> None:
    """The counter-case: an option the help no longer lists is removed (RUBRIC.md: a
    parameter or option removed)."""
    after = HELP.replace(
        "      --kubeconfig string         Paths to a kubeconfig. Only required out of cluster.\n",
        "",
    )
    item = expect(_edit(docs_repo, "docs/create.md", HELP, after), "docs/create.md", BREAKING)
    names(item, "--kubeconfig")


def test_another_tool_named_where_the_page_named_one_is_no_spelling_fix(
    docs_repo: DocsRepo,
) -> None:
    """Counter-case to a misspelt name fixed: ``eslint`` → ``oxlint`` differs by two letters,
    as a typo may, but the page never spelled it ``oxlint`` before: another tool."""
    before = _reference(
        "Run `npm run lint` to show the style issues found by `cpplint` and\n`eslint`.\n"
    )
    after = before.replace("`eslint`.", "`oxlint`.")
    path = "docs/reference.md"
    item = expect(_edit(docs_repo, path, before, after), path, BREAKING)
    names(item, "eslint")


@pytest.mark.parametrize("name", list(RENAMES))
def test_renaming_what_readers_type_or_call_is_breaking(docs_repo: DocsRepo, name: str) -> None:
    """RUBRIC.md:

    "Renaming something readers type or call (a command, parameter, option, endpoint,
    package, setting, API member) is breaking." The text and the sample agree before and
    after: this is a rename, not a correction (`get_user` → `get_users` is a letter away, but
    from one word to another: no typo). The report names what was renamed."""
    before, after = RENAMES[name]
    path = "docs/reference.md"
    item = expect(_edit(docs_repo, path, _reference(before), _reference(after)), path, BREAKING)
    names(item, RENAMED[name])


def test_two_options_renamed_in_one_line_are_paired_as_written(docs_repo: DocsRepo) -> None:
    """Two options of one command renamed at once (``--port`` → ``--listen-port``,
    ``--host-name`` → ``--host``): each old name is paired with the new name most like it over
    the line, the closest pair first. Taken in turn, ``--port`` would take ``--host`` (a
    letter closer than ``--listen-port``) and the report would name a rename nobody made."""
    before = _reference(
        "Serve the site on the network:\n\n```bash\n"
        "sitegen serve --port 8080 --host-name docs.local\n```\n"
    )
    after = before.replace("--port", "--listen-port").replace("--host-name", "--host")
    path = "docs/reference.md"
    item = expect(_edit(docs_repo, path, before, after), path, BREAKING)
    renames = [(s["old"], s["new"]) for s in item["signals"] if s["kind"] == "identifier_renamed"]
    assert renames == [("--port", "--listen-port"), ("--host-name", "--host")], renames


def test_an_option_dropped_beside_a_name_the_sample_changed_is_breaking(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md: "old sample code that no longer works" is breaking. A command that wrote a
    file (``--out-file report.csv``) now hands its output to a variable: the file's name
    pairs with the variable, and the option dropped with no partner still changes what
    readers type. The report names the line."""
    before = _reference(
        "Export the report:\n\n```bash\ncontoso export --all --out-file report.csv\n```\n"
    )
    after = before.replace(
        "contoso export --all --out-file report.csv", "REPORT=$(contoso export --all)"
    )
    path = "docs/reference.md"
    item = expect(_edit(docs_repo, path, before, after), path, BREAKING)
    changed = [s for s in item["signals"] if s["kind"] == "code_line_changed"]
    assert [s["removed"] for s in changed] == [["--out-file"]], item["signals"]


def test_an_option_written_in_another_case_beside_a_correction_is_not_dropped(
    docs_repo: DocsRepo,
) -> None:
    """Counter-case: ``-list`` written ``-List`` in a line whose variable is corrected to the
    case its declaration uses is still in the line (PowerShell reads either), so no option
    was dropped: a correction, minor."""
    sample = (
        "```powershell\nfunction Show-Logs ($ComputerName) {\n"
        "  $logs = Get-EventLog -ComputerName $computername -List\n"
        "  Get-EventLog -ComputerName $computername -list\n}\n```\n"
    )
    fixed = sample.replace("$computername", "$ComputerName").replace("-list", "-List")
    page = learn_page("Show-Logs", "Lists the event logs.", f"\n## Example\n\n{sample}")
    path = f"{LEARN_DOCS}/show-logs.md"
    expect(_edit(docs_repo, path, page, page.replace(sample, fixed), "learn"), path, MINOR)


def test_words_joined_with_a_hyphen_are_the_same_words(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Corrections versus changes": a spelling fix is minor. A sample's message
    that writes "two factor" as "two-factor" shows the same words; nothing readers type was
    renamed."""
    before = _reference(
        'Show the status after sign-in:\n\n```html\n<div class="status">\n'
        "    Please finish configuring two factor authentication below.\n</div>\n```\n"
    )
    after = before.replace("two factor", "two-factor")
    path = "docs/reference.md"
    expect(_edit(docs_repo, path, before, after), path, MINOR)


def test_the_type_of_an_options_value_written_another_way_renames_nothing(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md, "Corrections versus changes": in a syntax line, what stands in angle
    brackets after a parameter is the type of the value readers give (``[-Last <int>]``
    → ``[-Last <Int32>]``): they type a number either way, so the type's other spelling
    renames nothing."""
    syntax = "Select-Item [-Path] <String> [-Last <int>] [-First <int>]"
    page = learn_page("Select-Item", "Selects items.", f"\n## Syntax\n\n```\n{syntax}\n```\n")
    path = f"{LEARN_DOCS}/select-item.md"
    after = page.replace("<int>", "<Int32>")
    expect(_edit(docs_repo, path, page, after, "learn"), path, MINOR)


def test_an_optional_parameter_added_to_a_syntax_is_new(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "Renaming something readers type or call [...] is breaking"; a parameter the
    syntax shows in square brackets is optional, so a syntax line that gains one (``[-Any]``)
    documents a new capability and leaves every old command working."""
    syntax = "Wait-Task [-Name] <String[]> [[-Timeout] <Int32>] [-PassThru]"
    page = learn_page(
        "Wait-Task", "Waits for tasks to finish.", f"\n## Syntax\n\n```\n{syntax}\n```\n"
    )
    path = f"{LEARN_DOCS}/wait-task.md"
    after = page.replace(syntax, syntax.replace(" [-PassThru]", " [-Any] [-PassThru]"))
    expect(_edit(docs_repo, path, page, after, "learn"), path, NEW)


STATEMENTS = {
    "a-default": (
        "Requests time out after 30 seconds by default.",
        "Requests time out after 10 seconds by default.",
    ),
    "a-limit": (
        "You can upload files of up to 100 MB each.",
        "You can upload files of up to 25 MB each.",
    ),
    "what-is-supported": (
        "The agent runs on Windows, macOS and Linux.",
        "The agent runs on Windows and Linux; macOS is not supported.",
    ),
}


@pytest.mark.parametrize("name", list(STATEMENTS))
def test_correcting_a_statement_of_behaviour_is_breaking(docs_repo: DocsRepo, name: str) -> None:
    """RUBRIC.md:

    "[...] as is correcting a statement of behaviour that readers may have acted on (a
    default, a limit, what is supported)." One sentence of a Learn page corrected."""
    before, after = STATEMENTS[name]
    page = learn_page("Agent overview", "What the agent does.", f"\n## Behaviour\n\n{before}\n")
    path = f"{LEARN_DOCS}/agent-overview.md"
    items = _edit(docs_repo, path, page, page.replace(before, after), "learn")
    expect(items, path, BREAKING)


# --- Content moved elsewhere in the same range ---------------------------------------------------

TROUBLESHOOTING = (
    "## Troubleshooting\n\n"
    "If the proxy rejects the connection, add the Contoso certificate to the trust store and"
    " run `contoso doctor` again.\n\n"
    "If `contoso doctor` reports a clock skew, synchronise the system clock with NTP; tokens"
    " older than five minutes are refused.\n\n"
    "If uploads stall at 99%, raise the proxy's body size limit to at least 100 MB.\n"
)
GUIDE = (
    "# User guide\n\nThis guide walks through a first project with Contoso.\n\n"
    "## Create a project\n\nRun `contoso init` in an empty folder and answer the prompts.\n\n"
)


def test_a_section_moved_to_its_own_page_is_not_removed(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range (a section moved to its own page [...]) is
    not removed: judge what changed in it." The guide's Troubleshooting section becomes a
    page of its own that the guide's introduction links to; the report says where the
    section went."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs/guide.md", GUIDE + TROUBLESHOOTING)
    base = docs_repo.commit("base")
    docs_repo.write(
        "docs/guide.md",
        GUIDE.replace(
            "a first project with Contoso.\n",
            "a first project with Contoso. When something goes wrong, see"
            " [Troubleshooting](troubleshooting.md).\n",
        ),
    )
    docs_repo.write("docs/troubleshooting.md", "# " + TROUBLESHOOTING.removeprefix("## "))
    head = docs_repo.commit("Move troubleshooting to its own page")
    item = expect(judge(docs_repo, base, head), "docs/guide.md", MINOR)
    names(item, "troubleshooting.md")


def test_a_section_moved_to_a_page_the_guide_does_not_link_to_is_still_removed(
    docs_repo: DocsRepo,
) -> None:
    """The counter-case, as two careful readers labelled fastapi's testing tutorial: the
    section's text now stands on a new page, but the guide no longer holds it and does not
    point to it, so its anchors and its readers lose it: breaking. The report says where the
    text stands now."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs/guide.md", GUIDE + TROUBLESHOOTING)
    base = docs_repo.commit("base")
    docs_repo.write("docs/guide.md", GUIDE)
    docs_repo.write("docs/troubleshooting.md", "# " + TROUBLESHOOTING.removeprefix("## "))
    head = docs_repo.commit("Move troubleshooting to its own page")
    item = expect(judge(docs_repo, base, head), "docs/guide.md", BREAKING)
    assert "now stands in `docs/troubleshooting.md`" in item["explanation"]


SEARCH_OPTIONS = (
    "## Search options\n\n"
    "| Option | Default | Meaning |\n|---|---|---|\n"
    "| `lang` | `en` | the languages the search index is built for |\n"
    "| `separator` | `[\\s\\-]+` | the pattern that splits words |\n"
    "| `min_search_length` | `3` | the shortest word that is looked up |\n"
)
CONFIGURATION = (
    "# Configuration\n\nEverything about `mkdocs.yml` in one place.\n\n"
    "## Site name\n\n`site_name` is the title of the documentation site.\n\n"
)
SEARCH_PLUGIN = (
    "# Search plugin\n\nThe built-in search plugin indexes every page of the site.\n\n"
    "## Enable it\n\n```yaml\nplugins:\n  - search\n```\n\n"
)


@pytest.mark.parametrize(
    ("moved", "expected"), [("whole list", MINOR), ("one option dropped on the way", BREAKING)]
)
def test_an_option_list_moved_to_the_plugin_page(
    docs_repo: DocsRepo, moved: str, expected: str
) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range (a section moved to its own page, an option
    list moved to the plugin page that now documents it, [...]) is not removed: judge what
    changed in it." The search options move from the configuration page to the search
    plugin's page: minor, naming the plugin page. If one option is lost on the way (it is
    documented nowhere now), that option is removed: breaking."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs/configuration.md", CONFIGURATION + SEARCH_OPTIONS)
    docs_repo.write("docs/plugins/search.md", SEARCH_PLUGIN)
    base = docs_repo.commit("base")
    docs_repo.write(
        "docs/configuration.md",
        CONFIGURATION
        + "## Plugins\n\nEach plugin's options are on [its page](plugins/search.md).\n",
    )
    options = SEARCH_OPTIONS
    if expected == BREAKING:
        options = options.replace(
            "| `separator` | `[\\s\\-]+` | the pattern that splits words |\n", ""
        )
    docs_repo.write("docs/plugins/search.md", SEARCH_PLUGIN + options)
    head = docs_repo.commit("Move search options to the plugin page")
    item = expect(judge(docs_repo, base, head), "docs/configuration.md", expected)
    if expected == MINOR:
        names(item, "plugins/search.md")


PRIMER = (
    "## A short primer on type hints\n\n"
    "Python 3.6 and above support optional type hints. A type hint says what type a variable"
    " or parameter holds:\n\n"
    "```python\ndef get_full_name(first_name: str, last_name: str) -> str:\n"
    '    return first_name.title() + " " + last_name.title()\n```\n\n'
    "Editors read the hints to complete code and to point out errors before you run it.\n"
)
FIRST_STEPS = (
    "# First Steps\n\nThe simplest file looks like this.\n\n"
    "{* ../../docs_src/first_steps/tutorial001.py *}\n\n"
)


def test_a_primer_replaced_by_a_link_to_the_page_that_now_holds_it(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range ([...] a primer replaced by a link to the
    page that now holds it [...]) is not removed." The tutorial's type-hint primer moves to a
    new "Python types intro" page; the tutorial links to it."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs/tutorial/first-steps.md", FIRST_STEPS + PRIMER)
    base = docs_repo.commit("base")
    docs_repo.write(
        "docs/tutorial/first-steps.md",
        FIRST_STEPS + "If you need a refresher on type hints, read the"
        " [Python types intro](../python-types.md).\n",
    )
    docs_repo.write(
        "docs/python-types.md",
        "# Python Types Intro\n\n"
        + PRIMER.replace("## A short primer on type hints", "## Motivation"),
    )
    head = docs_repo.commit("Move the primer")
    item = expect(judge(docs_repo, base, head), "docs/tutorial/first-steps.md", MINOR)
    names(item, "python-types")


LICENSE = (
    "MIT License\n\nCopyright (c) 2024 Contoso\n\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this"
    " software, to deal in the Software without restriction.\n\n"
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.\n'
)


def test_text_moved_into_an_include_the_page_shows(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range ([...] text moved into an include) is not
    removed." The license page's text is replaced by a pymdownx.snippets include of the
    repository's `LICENSE` file, which holds the same text: the page shows what it showed."""
    mkdocs_site(docs_repo)
    docs_repo.write("LICENSE", LICENSE)
    docs_repo.write("docs/license.md", "# License\n\n" + LICENSE)
    base = docs_repo.commit("base")
    docs_repo.write("docs/license.md", '# License\n\n--8<-- "LICENSE"\n')
    head = docs_repo.commit("Include the license file")
    expect(judge(docs_repo, base, head), "docs/license.md", MINOR)


def test_text_moved_into_a_new_partial_the_page_imports(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range ([...] text moved into an include) is not
    removed: judge what changed in it." A Docusaurus page's requirements section moves into
    a new `_requirements.mdx` partial that the page now imports and shows."""
    docusaurus_site(docs_repo)
    requirements = (
        "## Requirements\n\n- Node.js 20 or later\n- A Contoso account with the Developer role\n"
        "- An API key created in the portal under **Settings > Keys**\n"
    )
    intro = "---\ntitle: Quickstart\n---\n\n"
    body = "# Quickstart\n\nCall the Contoso API from a Node.js script in five minutes.\n\n"
    docs_repo.write("docs/quickstart.mdx", intro + body + requirements)
    base = docs_repo.commit("base")
    docs_repo.write("docs/_requirements.mdx", requirements)
    docs_repo.write(
        "docs/quickstart.mdx",
        intro + "import Requirements from './_requirements.mdx';\n\n" + body + "<Requirements />\n",
    )
    head = docs_repo.commit("Share the requirements")
    expect(judge(docs_repo, base, head), "docs/quickstart.mdx", MINOR)


MEDIA_TYPE_METHODS = {
    "Type": ("The media type of the resource.", "image/jpeg"),
    "MainType": ("The main type of the resource's media type.", "image"),
    "SubType": ("The subtype, which may not match the file suffix.", "jpeg"),
}


def test_method_sections_moved_into_a_snippet_the_page_now_shows(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range ([...] text moved into an include) is not
    removed: judge what changed in it." As gohugoio/hugoDocs did: a Hugo page's per-method
    sections (one sample each) become one example plus a snippet, reworded as a definition
    list, that the page includes from a section whose `_index.md` cascades
    `build: render: never` (a snippet folder, no pages of its own). The page lost no method:
    the snippet documents each name, and the example still shows each sample line."""
    hugo_site(docs_repo)
    docs_repo.write(
        "content/_common/_index.md",
        "---\ncascade:\n  build:\n    list: never\n    render: never\n---\n",
    )
    intro = "---\ntitle: MediaType\n---\n\nThe `MediaType` method returns an object.\n\n"
    get = '{{ with resources.Get "images/a.jpg" }}'
    sections = "".join(
        f"### {name}\n\n(`string`) {text}\n\n```go-html-template\n{get}\n"
        f"  {{{{ .MediaType.{name} }}}} → {value}\n{{{{ end }}}}\n```\n\n"
        for name, (text, value) in MEDIA_TYPE_METHODS.items()
    )
    docs_repo.write("content/methods/resource/MediaType.md", intro + "## Methods\n\n" + sections)
    base = docs_repo.commit("base")
    shown = "".join(
        f"  {{{{ .MediaType.{name} }}}} → {value}\n"
        for name, (_, value) in MEDIA_TYPE_METHODS.items()
    )
    example = f"## Example\n\n```go-html-template\n{get}\n{shown}{{{{ end }}}}\n```\n\n"
    include = '{{% include "/_common/methods/media-type/core-methods.md" %}}\n'
    docs_repo.write(
        "content/methods/resource/MediaType.md",
        intro + example + "## Methods\n\nUse these methods on the object.\n\n" + include,
    )
    snippet = "content/_common/methods/media-type/core-methods.md"
    docs_repo.write(
        snippet,
        "---\n_comment: Do not remove front matter.\n---\n\n"
        + "".join(
            f"`{name}`\n: (`string`) Returns {text[4:].lower()}\n\n"
            for name, (text, _) in MEDIA_TYPE_METHODS.items()
        ),
    )
    head = docs_repo.commit("Methods as a shared definition list")
    items = judge(docs_repo, base, head)
    names(expect(items, "content/methods/resource/MediaType.md", MINOR), snippet)
    assert items[snippet]["reason"] == "new shared text", items[snippet]["reason"]


def test_method_sections_rewritten_as_a_definition_list_are_kept(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range [...] is not removed: judge what changed in
    it." A page's per-option sections become the entries of a definition list on the same
    page, reworded: every option is still documented there."""
    mkdocs_site(docs_repo)
    options = {
        "retries": "How many times a failed call is tried again before the client gives up.",
        "timeout": "How long the client waits for an answer, in seconds, before it stops.",
        "region": "Which data centre receives the calls; the nearest one when left out.",
    }
    lead = "---\ntitle: Client options\n---\n\n# Client options\n\nSet these when you connect.\n\n"
    sections = "".join(f"### `{name}`\n\n{text}\n\n" for name, text in options.items())
    docs_repo.write("docs/options.md", lead + "## Options\n\n" + sections)
    base = docs_repo.commit("base")
    entries = "".join(
        f"`{name}`\n: {text.replace(' the ', ' your ')}\n\n" for name, text in options.items()
    )
    docs_repo.write("docs/options.md", lead + "## Options\n\n" + entries)
    head = docs_repo.commit("Options as a definition list")
    expect(judge(docs_repo, base, head), "docs/options.md", MINOR)


def test_a_list_entry_dropped_while_the_page_still_documents_the_name(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range [...] is not removed": a summary list of the
    methods a page explains is dropped, while the sections below it still explain each
    method by name. Nothing readers call has left the page."""
    body = (
        "Sort a list with a closure that says what to compare.\n\n## Sort by key\n\n"
        "`sort_by_key` calls the closure once for each item and sorts by what it returns.\n\n"
        "## Sort by comparison\n\n`sort_by` calls the closure with two items at a time"
        " and sorts by its answer.\n"
    )
    summary = (
        "The methods:\n\n- `sort_by_key`: sorts by the key the closure returns.\n"
        "- `sort_by`: sorts by comparing two items.\n\n"
    )
    lead = "---\ntitle: Sorting\n---\n\n# Sorting\n\n"
    path = "docs/sorting.md"
    expect(_edit(docs_repo, path, lead + summary + body, lead + body), path, MINOR)


ROLE_METHODS = {
    "IsDefault": ("bool", "Reports whether this is the default role.", "true"),
    "Name": (
        "string",
        "Returns the role name, the lowercased key from your configuration.",
        "guest",
    ),
}


def test_method_sections_with_samples_rewritten_as_definition_entries(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range [...] is not removed: judge what changed in
    it." A Hugo method page turns each method's own section into a definition-list entry, its
    sample indented under the entry: the same methods, words and samples in another shape."""
    front = "---\ntitle: Role\n---\n\n"
    intro = "The `Role` method on a `Site` object returns its role.\n\n"
    sections = "".join(
        f"### {name}\n\n(`{kind}`) {text}\n\n```go-html-template\n"
        f"{{{{ .Site.Role.{name} }}}} → {value}\n```\n\n"
        for name, (kind, text, value) in ROLE_METHODS.items()
    )
    entries = "".join(
        f"`{name}`\n: (`{kind}`) {text}\n\n  ```go-html-template\n"
        f"  {{{{ .Site.Role.{name} }}}} → {value}\n  ```\n\n"
        for name, (kind, text, value) in ROLE_METHODS.items()
    )
    methods = "## Methods\n\nUse these methods on the `Role` object.\n\n" + entries
    before = front + intro + "## Methods\n\n" + sections
    after = front + "## Overview\n\n" + intro + methods
    path = "content/methods/site/Role.md"
    expect(_edit(docs_repo, path, before, after, "hugo"), path, MINOR)


BLOG_GUIDE = (
    "# Setting up a blog\n\nEnable the blog plugin and write your first post.\n\n"
    "## Configuration\n\nFor every setting, see the [plugin documentation].\n\n"
    "#### Advanced settings\n\nThese optional settings help with customizations:\n\n"
    "- [`archive_pagination`][config.archive_pagination]\n"
    "- [`archive_pagination_per_page`][config.archive_pagination_per_page]\n"
    "- [`categories_sort_by`][config.categories_sort_by]\n\n"
    "We'll add more settings here as we find new uses.\n\n"
    "  [plugin documentation]: ../plugins/blog.md\n"
    "  [config.archive_pagination]: ../plugins/blog.md#config.archive_pagination\n"
    "  [config.archive_pagination_per_page]:"
    " ../plugins/blog.md#config.archive_pagination_per_page\n"
    "  [config.categories_sort_by]: ../plugins/blog.md#config.categories_sort_by\n\n"
    "## Writing posts\n\nCreate a file in `docs/blog/posts` and start writing.\n"
)
BLOG_PLUGIN = "# Blog plugin\n\nThe blog plugin turns a folder of posts into a blog.\n\n" + "".join(
    f"### `{name}` {{ #config.{name} }}\n\nSets how the blog handles {name.replace('_', ' ')}.\n\n"
    for name in ("archive_pagination", "archive_pagination_per_page", "categories_sort_by")
)


def test_a_section_of_links_to_options_another_page_documents(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere in the same range [...] is not removed": a guide drops its
    "Advanced settings" box, a list of links to options the plugin's reference page documents
    and still documents. The guide only pointed to them; nothing readers configure is gone."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs/plugins/blog.md", BLOG_PLUGIN)
    docs_repo.write("docs/setup/blog.md", BLOG_GUIDE)
    base = docs_repo.commit("base")
    start = BLOG_GUIDE.index("#### Advanced settings")
    end = BLOG_GUIDE.index("## Writing posts")
    kept = BLOG_GUIDE[:start] + "  [plugin documentation]: ../plugins/blog.md\n\n"
    docs_repo.write("docs/setup/blog.md", kept + BLOG_GUIDE[end:])
    head = docs_repo.commit("Drop the advanced settings box")
    expect(judge(docs_repo, base, head), "docs/setup/blog.md", MINOR)


INSTALL = (
    "---\ntitle: Install\n---\n\n# Install\n\nInstall the CLI with its extras, then run your"
    " first script. Add `pip install contoso-extras` for the plotting commands.\n\n"
    '```console\n$ pip install "contoso[cli]"\n$ APP_ENV=dev contoso run main.py\n```\n'
)


def test_the_same_command_run_through_another_tool_is_no_rename(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Renaming something readers type or call (a command, [...] package) is breaking". FastAPI's
    docs moved every install and run line from pip to uv: `pip install x` → `uv add x`, and
    `uv run` in front of the command. The package and the command stay; the old instruction
    still works, so nothing readers type was renamed."""
    mkdocs_site(docs_repo)
    docs_repo.write("docs/install.md", INSTALL)
    base = docs_repo.commit("base")
    docs_repo.write(
        "docs/install.md",
        INSTALL.replace("pip install", "uv add").replace(
            "dev contoso run", "dev uv run contoso run"
        ),
    )
    head = docs_repo.commit("Use uv")
    expect(judge(docs_repo, base, head), "docs/install.md", MINOR)


COMMAND_LINE_PAGE = (
    "---\ntitle: Run it\n---\n\n# Run it\n\nRun this on the computer you set up, through the"
    " port your firewall allows, then read what it prints.\n\n```{language}\n{line}\n```\n"
)
HUGO_NEW = "hugo new content/en/blog/2026/short-name.md"


@pytest.mark.parametrize(
    ("language", "old", "new", "expected"),
    [
        ("sh", f"npx {HUGO_NEW}", f"npm exec --no -- {HUGO_NEW}", MINOR),
        (
            "sh",
            f"npx {HUGO_NEW}",
            f"npm exec --no -- {HUGO_NEW}".replace(" new ", " create "),
            BREAKING,
        ),
        ("sh", "yarn start", "npm start", MINOR),
        ("sh", "yarn start", "yarn serve", BREAKING),
        (
            "powershell",
            'wsl --mount <Disk> -o "data=ordered"',
            'wsl --mount <Disk> --options "data=ordered"',
            MINOR,
        ),
        (
            "powershell",
            'wsl --mount <Disk> -o "data=ordered"',
            'wsl --mount <Disk> --mode "data=ordered"',
            BREAKING,
        ),
        (
            "powershell",
            "Invoke-Command -Port 5986 -ComputerName Server01",
            "Invoke-Command -Port 5986 -ComputerName WebServer",
            MINOR,
        ),
        (
            "bash",
            "kubectl apply --filename ./app.yaml",
            "kubectl apply --filename ./web.yaml",
            MINOR,
        ),
        (
            "bash",
            "pnpm config get --json buildDeps",
            "pnpm config get --json allowBuilds",
            BREAKING,
        ),
    ],
    ids=[
        "another-runner",
        "another-runner-and-verb",
        "another-package-manager",
        "another-script",
        "an-options-long-name",
        "another-option",
        "a-parameters-value",
        "a-file-passed",
        "an-argument-after-a-flag",
    ],
)
def test_a_command_line_written_another_way_is_no_rename(
    docs_repo: DocsRepo, language: str, old: str, new: str, expected: str
) -> None:
    """RUBRIC.md: "Renaming something readers type or call (a command, parameter, option,
    [...] setting) is breaking". The old line still works when the same command runs through
    another runner (``npx hugo new x`` → ``npm exec --no -- hugo new x``) or package manager
    (``yarn start`` → ``npm start``), when an option is written by its long name (``-o`` →
    ``--options``: by the common convention a short name is its long name's first letter),
    and what a sample passes to a parameter (``-ComputerName Server01`` → ``WebServer``, a
    file ``./app.yaml`` → ``./web.yaml``) is its own data, not a name readers type as it is.
    Another verb (``hugo create``), script (``yarn serve``) or option (``--mode``) is another
    thing to type; and outside PowerShell a bare word after an option may be an argument a
    flag stands before: ``--json buildDeps`` names a setting, another one there is a rename."""
    hugo_site(docs_repo)
    page = COMMAND_LINE_PAGE.replace("{language}", language)
    docs_repo.write("content/run.md", page.replace("{line}", old))
    base = docs_repo.commit("base")
    docs_repo.write("content/run.md", page.replace("{line}", new))
    head = docs_repo.commit("Written another way")
    expect(judge(docs_repo, base, head), "content/run.md", expected)


RULE = (
    "---\ntitle: AvoidGlobalVars\n---\n\n# Avoid global variables\n\n## Description\n\n"
    "Variables that are present when the shell starts are created in the global scope.\n\n"
    "## How\n\nUse other scope modifiers for variables: declare them in the script scope, or"
    " pass values to functions as parameters.\n\n"
    "## Example\n\n### Wrong\n\n```powershell\n$Global:counter = Get-Count -All\n```\n\n"
    "### Correct\n\n```powershell\n$counter = Get-Count -All\n```\n\n"
    "## Configuration\n\nSet `Enable` to `$false` to turn the rule off in the settings file."
    " The rule then reports nothing for this workspace.\n\n```powershell\n@{\n"
    "    Rules = @{\n        PSAvoidGlobalVars = @{\n            Enable = $false\n"
    "            Severity = 'Warning'\n            ExcludePaths = @(\n"
    "                'build/*.ps1'\n                'tests/*.ps1'\n            )\n"
    "        }\n    }\n}\n```\n"
)
HOW = RULE[RULE.index("## How") : RULE.index("## Example")]
EXAMPLE = RULE[RULE.index("## Example") : RULE.index("## Configuration")]


def test_examples_moved_below_and_renamed_are_not_removed(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere [...] is not removed". A rule's page moves to a new template: the
    examples "Wrong" and "Correct" come back word for word as "Noncompliant" and "Compliant",
    below the configuration. Every line of them still stands on the page."""
    moved = EXAMPLE.replace("### Wrong", "### Noncompliant").replace("### Correct", "### Compliant")
    after = RULE.replace(EXAMPLE, "") + "\n" + moved
    types = _edit(docs_repo, "docs/rules/avoid-global-vars.md", RULE, after)
    expect(types, "docs/rules/avoid-global-vars.md", MINOR)


def test_a_one_line_section_folded_into_the_description(docs_repo: DocsRepo) -> None:
    """RUBRIC.md:

    "Content moved elsewhere [...] is not removed". The "How" section goes and the description
    says the same in other words: it was merged, not removed."""
    after = RULE.replace(HOW, "").replace(
        "global scope.\n",
        "global scope. Use local or script scope, or other scope modifiers, for your"
        " variables; declare them where they are used and pass values to functions as"
        " parameters.\n",
    )
    types = _edit(docs_repo, "docs/rules/avoid-global-vars.md", RULE, after)
    expect(types, "docs/rules/avoid-global-vars.md", MINOR)


def test_a_short_section_removed_and_not_restated_is_breaking(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "a section [...] is removed" is breaking. The "How" section goes and what
    the description gains says something else: readers lose the advice."""
    after = RULE.replace(HOW, "").replace(
        "global scope.\n", "global scope. The rule reads every script file of the workspace.\n"
    )
    types = _edit(docs_repo, "docs/rules/avoid-global-vars.md", RULE, after)
    expect(types, "docs/rules/avoid-global-vars.md", BREAKING)


CMDLETS = (
    "---\ntitle: AvoidWmiCmdlets\n---\n\n# Avoid WMI cmdlets\n\n## Description\n\n"
    "The following cmdlets should not be used:\n\n- `Get-WmiObject`\n- `Remove-WmiObject`\n"
    "- `Invoke-WmiMethod`\n\n"
    "Use the following cmdlets instead:\n\n- `Get-CimInstance`\n- `Remove-CimInstance`\n"
    "- `Invoke-CimMethod`\n\n"
    "## How\n\nChange to the equivalent CIM cmdlet.\n\n- `Get-WmiObject` -> `Get-CimInstance`\n"
    "- `Remove-WmiObject` -> `Remove-CimInstance`\n- `Invoke-WmiMethod` -> `Invoke-CimMethod`\n\n"
    "## Example\n\n```powershell\nGet-CimInstance -ClassName Win32_Process\n```\n"
)


def test_a_section_that_maps_names_the_page_still_lists_is_restated(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "Content moved elsewhere [...] is not removed". A "How" section that pairs
    each old cmdlet with its replacement goes; the description still lists both, and now says
    to use the CIM cmdlets instead: readers lose nothing."""
    after = CMDLETS.replace(
        CMDLETS[CMDLETS.index("## How") : CMDLETS.index("## Example")], ""
    ).replace("The following cmdlets should not be used:", "Don't use these WMI cmdlets:")
    types = _edit(docs_repo, "docs/rules/avoid-wmi.md", CMDLETS, after)
    expect(types, "docs/rules/avoid-wmi.md", MINOR)


def test_a_sentence_under_a_plain_heading_is_no_section(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "a section [...] is removed" is breaking; wording is minor. A heading over
    one short sentence ("## Feedback", "Tell us what you think.") dropped while the page is
    rewritten around it is wording: nothing readers use went with it."""
    before = RULE.replace(
        "## Example", "## Feedback\n\nTell us what you think of this rule.\n\n## Example"
    )
    after = RULE.replace(
        "global scope.\n",
        "global scope. Scripts and modules loaded later in the session can read and change"
        " them, so a value one of them sets may surprise another.\n",
    )
    types = _edit(docs_repo, "docs/rules/avoid-global-vars.md", before, after)
    expect(types, "docs/rules/avoid-global-vars.md", MINOR)


REWORDED = (
    (
        "Variables that are present when the shell starts are created in the global scope.",
        "Variables which exist once the shell has started are all created in its global scope.",
    ),
    (
        "Use other scope modifiers for variables: declare them in the script scope, or pass"
        " values to functions as parameters.",
        "Use another scope modifier for each variable: declare it in script scope, or hand"
        " values to functions as their parameters.",
    ),
    (
        "Set `Enable` to `$false` to turn the rule off in the settings file. The rule then"
        " reports nothing for this workspace.",
        "Set `Enable` to `$false` in the settings file to turn this rule off. It then reports"
        " nothing for the whole workspace.",
    ),
)
"""Lines of the rule's page said again in other words, each still a version of itself."""


@pytest.mark.parametrize("reworded", [True, False], ids=["page-reworded", "page-as-it-was"])
def test_a_sentence_under_a_plain_heading_dropped_while_the_page_is_reworded(
    docs_repo: DocsRepo, reworded: bool
) -> None:
    """RUBRIC.md: "a section [...] is removed" is breaking; wording is minor. A rule's page
    moves to a new template: "## Feedback" over one sentence goes while the page rewords its
    lines in place, each line still a version of the old one. What the rewrite gains is
    reworded text, not added lines; the sentence went with it. Dropped from a page that
    stays as it was, the section was removed."""
    before = RULE.replace(
        "## Example", "## Feedback\n\nTell us what you think of this rule.\n\n## Example"
    )
    after = RULE
    for old, new in REWORDED if reworded else ():
        assert old in after
        after = after.replace(old, new)
    types = _edit(docs_repo, "docs/rules/avoid-global-vars.md", before, after)
    expect(types, "docs/rules/avoid-global-vars.md", MINOR if reworded else BREAKING)


def test_a_sentence_under_an_option_heading_is_a_section(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "a section, [...] option [...] is removed" is breaking. The same sentence
    under a heading that names an option readers pass (``### -Force``) documented it."""
    before = RULE.replace(
        "## Example", "### -Force\n\nSkips the confirmation prompt.\n\n## Example"
    )
    types = _edit(docs_repo, "docs/rules/avoid-global-vars.md", before, RULE)
    expect(types, "docs/rules/avoid-global-vars.md", BREAKING)


CMDLET = (
    "---\nexternal help file: Contoso.Files.dll-Help.xml\nModule Name: Contoso.Files\n"
    "title: Rename-File\n---\n\n# Rename-File\n\n## SYNOPSIS\n\nRenames a file.\n\n"
    "## SYNTAX\n\n```\nRename-File [-LiteralPath] <String> [-NewName] <String> [-Force]\n```\n\n"
    "## PARAMETERS\n\n### -LiteralPath\n\nThe path of the file to rename.\n\n```yaml\n"
    "Type: System.String\nParameter Sets: (All)\nAliases: PSPath\n\nRequired: True\n"
    "Position: 0\nDefault value: None\nAccept pipeline input: ByValue (False), ByName (True)\n"
    "Accept wildcard characters: False\n```\n\n"
    "### -Encoding\n\nThe encoding of the file's new name in the log.\n\n```yaml\n"
    "Type: System.String\nParameter Sets: (All)\nAliases:\n\nRequired: False\nPosition: Named\n"
    "Default value: Unicode\nAccept pipeline input: False\nAccept wildcard characters: False\n"
    "```\n\n### -Force\n\nReplaces a file that has the new name already.\n\n```yaml\n"
    "Type: System.Management.Automation.SwitchParameter\nParameter Sets: (All)\nAliases:\n\n"
    "Required: False\nPosition: Named\nDefault value: False\nAccept pipeline input: False\n"
    "Accept wildcard characters: False\n```\n"
)


def test_a_parameters_properties_relabelled_are_no_sample_change(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Corrections versus changes": a sample tweak is minor; renaming what readers
    type is breaking. A command reference lists each parameter's properties in a block under
    its heading; the reference moves to a newer format (``Accept pipeline input: ByValue
    (False), ByName (True)`` → ``True (ByPropertyName)``) and gains an alias. Readers read
    these lines, they type none of them: nothing they rely on changed."""
    after = CMDLET.replace(
        "Accept pipeline input: ByValue (False), ByName (True)",
        "Accept pipeline input: True (ByPropertyName)",
    ).replace("Aliases: PSPath\n", "Aliases: PSPath, LP\n")
    types = _edit(docs_repo, "docs/Rename-File.md", CMDLET, after, site="learn")
    expect(types, "docs/Rename-File.md", MINOR)


def test_a_parameters_properties_rewritten_in_a_new_schema_are_no_sample(
    docs_repo: DocsRepo,
) -> None:
    """The same reference generated by a newer version of its tool: each properties block is
    written anew in another schema (``Required: True`` → ``IsRequired: true`` under
    ``ParameterSets:``). Lines out, more lines in, and nothing a reader types changed."""
    after = re.sub(
        r"Parameter Sets: \(All\)\nAliases:(.*)\n\nRequired: (\w+)\nPosition: (\w+)\n"
        r"Default value: (\w+)\nAccept pipeline input: .*\nAccept wildcard characters: False\n",
        lambda match: (
            f"DefaultValue: {match[4]}\nSupportsWildcards: false\nAliases:{match[1]}\n"
            f"ParameterSets:\n- Name: (All)\n  Position: {match[3]}\n"
            f"  IsRequired: {match[2].lower()}\n  ValueFromPipeline: false\n"
            "DontShow: false\nHelpMessage: ''\n"
        ),
        CMDLET,
    )
    assert after.count("IsRequired") == 3
    types = _edit(docs_repo, "docs/Rename-File.md", CMDLET, after, site="learn")
    expect(types, "docs/Rename-File.md", MINOR)


def test_a_parameters_default_changed_in_its_properties_is_breaking(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "a default [...] changed against the reader" is breaking. The same block
    now says the log is written in ASCII unless readers say otherwise: the properties are read,
    and what they say changed."""
    after = CMDLET.replace("Default value: Unicode", "Default value: Ascii")
    types = _edit(docs_repo, "docs/Rename-File.md", CMDLET, after, site="learn")
    expect(types, "docs/Rename-File.md", BREAKING)


SEARCH_SETUP = (
    "# Search\n\nThe search plugin indexes every page of the site.\n\n## Configuration\n\n"
    "Add the plugin to `mkdocs.yml` and choose how words are split:\n\n```yaml\nplugins:\n"
    "  - search:\n      lang: en\n      separator: '[\\s\\-]+'\n      min_length: 3\n```\n"
)


def test_a_settings_key_renamed_in_a_configuration_sample_is_breaking(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md: renaming something readers type (a setting) is breaking. A block of
    ``key: value`` lines under a heading that names no option is a configuration readers
    copy, not a list of an option's properties: its key renamed breaks their file."""
    after = SEARCH_SETUP.replace("lang: en", "language: en")
    types = _edit(docs_repo, "docs/setup/search.md", SEARCH_SETUP, after)
    expect(types, "docs/setup/search.md", BREAKING)


SETTINGS_TABLE = (
    "# Compatible commands\n\nThis rule reports commands that a target platform lacks.\n\n"
    "## Settings\n\n| Setting | Meaning | Default |\n| --- | --- | --- |\n"
    "| `Enable` | Turns the rule on | `$false` |\n"
    "| `TargetProfiles` | The platforms to check against | `@()` |\n"
    "| `IgnoreCommands` | Commands the rule does not check | `@()` |\n"
)
SETTINGS_SECTIONS = (
    "# Compatible commands\n\nThis rule reports commands that a target platform lacks.\n\n"
    "## Settings\n\n### Enable\n\nTurns the rule on. The default is `$false`.\n\n"
    "### TargetProfiles\n\nThe platforms to check against. The default is `@()`.\n\n"
    "### IgnoreCommands\n\nCommands the rule does not check. The default is `@()`.\n"
)


def test_a_table_of_settings_rewritten_as_sections_removes_none(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "Content moved elsewhere [...] is not removed". A table of settings becomes
    one section per setting, each under the setting's name, saying what the row said: every
    setting is still documented, in another shape."""
    types = _edit(docs_repo, "docs/rules/compatible-commands.md", SETTINGS_TABLE, SETTINGS_SECTIONS)
    expect(types, "docs/rules/compatible-commands.md", MINOR)


HELPED = (
    "# Check for elevation\n\nThe rule below flags scripts that test for elevation by hand.\n\n"
    "```powershell\n<#\n    .SYNOPSIS\n    Flags scripts that test for elevation by hand.\n"
    "    .DESCRIPTION\n    From PowerShell 4.0, the #Requires statement let script authors\n"
    "    require elevated rights. Script authors does not need their own checks.\n#>\n"
    "function Measure-Elevation {\n    param([string] $ScriptPath)\n"
    "    Get-Content -Path $ScriptPath | Select-String -Pattern 'IsInRole'\n}\n```\n"
)


def test_words_corrected_in_a_samples_block_comment_are_wording(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Corrections versus changes": fixing the grammar of a sample's comment is
    a correction. The help of a function in a sample (``<# … #>``) is text readers read: "let"
    → "lets", "does" → "do" there renames nothing they type."""
    after = HELPED.replace("statement let", "statement lets").replace("authors does", "authors do")
    types = _edit(docs_repo, "docs/rules/elevation.md", HELPED, after)
    expect(types, "docs/rules/elevation.md", MINOR)


LOCK = (
    "lockfileVersion: '9.0'\n\npackages:\n\n  glob@7.2.3:\n"
    "    resolution: {integrity: sha512-abc}\n    engines: {node: '*'}\n"
)


def test_a_lock_file_that_flags_a_deprecated_package_breaks_nothing(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "a retirement" is breaking, for what readers use. A site's
    ``pnpm-lock.yaml`` records the packages its build installed; a package the registry marks
    deprecated there is the build's business: no page says it, no reader reads the file."""
    docusaurus_site(docs_repo)
    docs_repo.write("pnpm-lock.yaml", LOCK)
    base = docs_repo.commit("base")
    docs_repo.write(
        "pnpm-lock.yaml",
        LOCK + "    deprecated: Glob versions prior to v9 are no longer supported\n",
    )
    head = docs_repo.commit("Update dependencies")
    expect(judge(docs_repo, base, head), "pnpm-lock.yaml", MINOR)


REPORTS = (
    "# Read the reports\n\nAsk the report service for a node's reports:\n\n```powershell\n"
    "function Get-Report {\n    param($AgentId)\n"
    "    $requestUri = \"$serviceUrl/Nodes(AgentId='$AgentId')/Reports\"\n"
    "    $request = Invoke-WebRequest -Uri $requestUri -ContentType"
    " 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' `\n"
    "        -UseBasicParsing -ErrorAction SilentlyContinue\n"
    "    ConvertFrom-Json $request.Content\n}\n```\n"
)
SPLATTED = (
    "# Read the reports\n\nAsk the report service for a node's reports:\n\n```powershell\n"
    "function Get-Report {\n    param($AgentId)\n    $parameters = @{\n"
    "        Uri = \"$serviceUrl/Nodes(AgentId='$AgentId')/Reports\"\n"
    "        ContentType = 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8'\n"
    "        UseBasicParsing = $true\n"
    "        ErrorAction = 'SilentlyContinue'\n    }\n"
    "    $request = Invoke-WebRequest @parameters\n    ConvertFrom-Json $request.Content\n}\n```\n"
)


def test_parameters_passed_in_a_splatted_table_are_the_same(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Corrections versus changes": a sample tweak is minor. The sample passes the
    same parameters through a table (``-Uri x`` → ``Uri = x`` in ``@parameters``) and drops a
    variable of its own: every name readers type is still there."""
    types = _edit(docs_repo, "docs/reports.md", REPORTS, SPLATTED)
    expect(types, "docs/reports.md", MINOR)


IMPORTS = learn_page(
    "Import resources",
    "Import the resources a configuration uses.",
    "\n## Import a module\n\nCall `Import-DscResource -Module` with the module's name inside the"
    " configuration block.\n\n```{shell}\nImport-DscResource -Module PSDscResources\n```\n",
)


@pytest.mark.parametrize(("shell", "expected"), [("powershell", MINOR), ("bash", BREAKING)])
def test_a_parameter_spelled_out_in_full(docs_repo: DocsRepo, shell: str, expected: str) -> None:
    """RUBRIC.md, "Corrections versus changes": renaming what readers type is breaking; a
    correction is not. PowerShell takes any unambiguous start of a parameter's name, so a page
    of PowerShell samples that writes ``-Module`` out as ``-ModuleName`` renames nothing: the
    old line still runs. A tool of another shell matches its options whole."""
    before = IMPORTS.replace("{shell}", shell)
    after = before.replace("-Module", "-ModuleName")
    types = _edit(docs_repo, "docs/import.md", before, after, site="learn")
    expect(types, "docs/import.md", expected)


PLACEHOLDERS = (
    "---\ntitle: Permalinks\n---\n\n# Permalinks\n\nBuild a post's address from these"
    " placeholders:\n\n- `year`: the year of the post, four digits.\n"
    "- `short_year`: the year of the post, without the century.\n"
    "- `i_month`: the month, without a leading zero.\n"
)
LOOPED = (
    "---\ntitle: Permalinks\n---\n\n# Permalinks\n\nBuild a post's address from these"
    " placeholders:\n\n{% for entry in site.data.permalinks.placeholders %}\n"
    "- `{{ entry.name }}`: {{ entry.desc }}\n{% endfor %}\n"
)
PLACEHOLDER_DATA = (
    "placeholders:\n  - name: year\n    desc: the year of the post, four digits.\n"
    "  - name: short_year\n    desc: the year of the post, without the century.\n"
    "  - name: i_month\n    desc: the month, without a leading zero.\n"
)


PLACEHOLDER_ROWS = {
    "year": "Year from the post's filename with four digits. May be overridden via the"
    " document's date front matter.",
    "short_year": "Year from the post's filename without the century. May be overridden via"
    " the document's date front matter.",
    "month": "Month from the post's filename, with a leading zero. May be overridden via the"
    " document's date front matter.",
    "i_month": "Month from the post's filename without a leading zero. May be overridden via"
    " the document's date front matter.",
}
PLACEHOLDER_TABLE_HEAD = (
    "---\ntitle: Permalinks\n---\n\n# Permalinks\n\nThe placeholders of an address:\n\n"
    "| Variable | Description |\n| --- | --- |\n"
)
PLACEHOLDER_TABLE = PLACEHOLDER_TABLE_HEAD + "".join(
    f"| `{name}` | {text} |\n" for name, text in PLACEHOLDER_ROWS.items()
)
LOOPED_PLACEHOLDER_TABLE = (
    PLACEHOLDER_TABLE_HEAD + "{% for entry in site.data.permalinks.placeholders %}\n"
    "| `{{ entry.name }}` | {{ entry.desc }} |\n{% endfor %}\n"
)
PLACEHOLDER_TABLE_DATA = "placeholders:\n" + "".join(
    f"  - name: {name}\n    desc: >-\n      {text}\n" for name, text in PLACEHOLDER_ROWS.items()
)


@pytest.mark.parametrize(
    ("before", "after", "data"),
    [
        (PLACEHOLDERS, LOOPED, PLACEHOLDER_DATA),
        (PLACEHOLDER_TABLE, LOOPED_PLACEHOLDER_TABLE, PLACEHOLDER_TABLE_DATA),
    ],
    ids=["a-list-of-names", "a-table-with-descriptions"],
)
def test_entries_moved_into_a_data_file_the_page_loops_over(
    docs_repo: DocsRepo, before: str, after: str, data: str
) -> None:
    """RUBRIC.md: "Content moved elsewhere [...] is not removed". A Jekyll page's list of
    placeholders, or its table of them with their descriptions, moves to
    ``_data/permalinks.yml``, which the page now renders in a loop (``site.data.permalinks``,
    as jekyll/jekyll's permalinks page does): every placeholder is still on the published
    page, and the descriptions went to the data file the page now names; the loop's own row
    is no row."""
    jekyll_site(docs_repo)
    docs_repo.write("docs/permalinks.md", before)
    base = docs_repo.commit("base")
    docs_repo.write("docs/permalinks.md", after)
    docs_repo.write("_data/permalinks.yml", data)
    head = docs_repo.commit("Move the placeholders to a data file")
    expect(judge(docs_repo, base, head), "docs/permalinks.md", MINOR)


GALLERY = (
    "# Theme gallery\n\nThemes other people made for the terminal.\n\n"
    "## Frosted glass\n\n![The frosted glass theme](./images/frosted-glass.png)\n\n"
    "[Details](frosted-glass-theme.md)\n\n"
    "## Powerline\n\n![A Powerline prompt in PowerShell](./images/powerline.png)\n\n"
    "[Details](powerline-in-powershell.md)\n\n"
    "## Retro\n\n![The retro theme](./images/retro.png)\n\n[Details](retro-theme.md)\n"
)


def test_a_gallery_card_dropped_removes_no_section(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "a section [...] is removed" is breaking, for what it documents. A gallery's
    card (a heading, a screenshot and a "Details" link) only points to the page that documents
    the theme; dropping the card removes nothing that page does not say."""
    end = GALLERY.index("## Retro")
    after = GALLERY[: GALLERY.index("## Powerline")] + GALLERY[end:]
    types = _edit(docs_repo, "docs/gallery/index.md", GALLERY, after)
    expect(types, "docs/gallery/index.md", MINOR)


POLICY = learn_page(
    "New-ChannelsPolicy",
    "Creates a policy for the channels of a team.",
    "\n## PARAMETERS\n\n### -AllowGuests\n\nWhether guests can read the channels.\n\n"
    "Possible values are:\n\n- **Enabled**: Guests can read the channels.\n"
    "- **Disabled**: Guests can't read the channels.\n\n### -Identity\n\n"
    "The name of the policy.\n",
)


@pytest.mark.parametrize(
    ("where", "expected"), [("a new parameter", NEW), ("an existing parameter", BREAKING)]
)
def test_a_limit_stated_inside_a_new_section(
    docs_repo: DocsRepo, where: str, expected: str
) -> None:
    """RUBRIC.md: breaking is "something readers relied on that no longer holds". "Users are
    not allowed" said of a value of a parameter the change adds describes the new parameter;
    the same words added to a parameter readers already use take something away."""
    if where == "a new parameter":
        after = POLICY.replace(
            "### -Identity",
            "### -AllowCreateChannel\n\nWhether users can create channels.\n\n"
            "Possible values are:\n\n- **Enabled**: Users are allowed.\n"
            "- **Disabled**: Users are not allowed.\n\n### -Identity",
        )
    else:
        after = POLICY.replace(
            "Whether guests can read the channels.\n",
            "Whether guests can read the channels. Guests are not allowed to post.\n",
        )
    types = _edit(docs_repo, "docs/New-ChannelsPolicy.md", POLICY, after, site="learn")
    expect(types, "docs/New-ChannelsPolicy.md", expected)


COLORS = (
    "# Colors\n\nComponents take colors as strings, in any form CSS knows.\n\n"
    "The framework supports also colors as `int` values, in RGB color mode:\n\n"
    "```js\n<View style={{backgroundColor: 0xff00ff00}} />\n```\n"
)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (("supports also colors", "also supports colors"), MINOR),
        (("in RGB color mode:", "in RGB color mode, and now supports HSL values too:"), NEW),
    ],
)
def test_an_announcement_word_put_in_order_announces_nothing(
    docs_repo: DocsRepo, edit: tuple[str, str], expected: str
) -> None:
    """RUBRIC.md, "Corrections versus changes": wording is minor. "supports also" → "also
    supports" puts a word in order; the sentence said the same before, so nothing is
    announced. The same line gaining "and now supports HSL values too" announces something."""
    after = COLORS.replace(*edit)
    types = _edit(docs_repo, "docs/colors.md", COLORS, after)
    expect(types, "docs/colors.md", expected)


MUTATIONS = (
    "# Mutations\n\n## Apply to\n\nThe kinds of resources a mutation applies to.\n"
    "Globs are not allowed.\n\n## Match\n\nSelects the resources by name and namespace.\n"
)


@pytest.mark.parametrize(
    ("edited", "expected"),
    [
        (
            lambda page: page.replace(
                "applies to.\nGlobs are not allowed.\n", "applies to.\n"
            ).replace(
                "by name and namespace.\n", "by name and namespace.\nGlobs are not allowed.\n"
            ),
            MINOR,
        ),
        (
            lambda page: page.replace(
                "by name and namespace.\n", "by name and namespace.\nPrefixes are not allowed.\n"
            ),
            BREAKING,
        ),
    ],
    ids=["moved-to-another-section", "a-new-restriction"],
)
def test_a_restriction_moved_within_its_page_announces_nothing(
    docs_repo: DocsRepo, edited: Callable[[str], str], expected: str
) -> None:
    """RUBRIC.md: breaking is "something readers relied on that no longer holds". A sentence
    that says so ("Globs are not allowed.") taken from one section and written in another of
    the same page announces nothing readers did not read before; a restriction the page did
    not state before does (the counter-case)."""
    types = _edit(docs_repo, "docs/mutations.md", MUTATIONS, edited(MUTATIONS))
    expect(types, "docs/mutations.md", expected)


STATEMENTS_SPEC = learn_page(
    "Statements",
    "How the language runs statements, with examples.",
    "\n## The switch statement\n\n```{language}\n"
    "dir e:\\Scripts\\*statement*.ps1 | Foreach-Object {{$_.Length}}\n"
    "switch -regex -casesensitive ($value) {{\n"
    "    '^a' {{ 'starts with a' }}\n}}\n"
    "$env:path -split ';' | select-object -first 3\n```\n"
    "\n## The foreach statement\n\n```{language}\n"
    "foreach ($file in get-childitem) {{ $file.name }}\n```\n",
)
"""A language specification's samples, in a language that ignores case or in one that
does not."""


@pytest.mark.parametrize(("language", "changed"), [("powershell", False), ("js", True)])
def test_a_sample_whose_lines_changed_case_in_a_language_that_ignores_it(
    docs_repo: DocsRepo, language: str, changed: bool
) -> None:
    """RUBRIC.md, "Corrections versus changes": fixing the case of a name is a minor update.
    PowerShell reads `Foreach-Object` and `ForEach-Object`, `-casesensitive` and
    `-CaseSensitive`, `$env:path` and `$Env:path` as the same: samples whose lines changed
    case alone changed no line. A language that tells case apart (the counter-case) did."""
    before = STATEMENTS_SPEC.format(language=language)
    after = (
        before.replace("e:\\", "E:\\")
        .replace("Foreach-Object", "ForEach-Object")
        .replace("-regex -casesensitive", "-Regex -CaseSensitive")
        .replace("$env:path -split ';' | select-object", "$Env:PATH -split ';' | Select-Object")
        .replace("get-childitem) { $file.name", "Get-ChildItem) { $file.Name")
    )
    path = f"{LEARN_DOCS}/statements.md"
    types = _edit(docs_repo, path, before, after, site="learn")
    item = expect(types, path, MINOR) if not changed else types[path]
    assert ("code_changed" in _kinds(item)) is changed, item["signals"]


def test_a_fences_attributes_are_not_its_language(docs_repo: DocsRepo) -> None:
    """mdBook writes a sample's attributes against its language (`rust,editable`), VitePress
    its highlighted lines (`js{1,3}`): the language is Rust, whose comments start with `//`,
    so a comment reworded is no name changed, and the report says "rust" code."""
    after = LINE_COMMENTS.replace(
        "// This is an example of a line comment.", "// Line comments start with two slashes."
    )
    item = expect(
        _edit(docs_repo, "docs/comments.md", LINE_COMMENTS, after), "docs/comments.md", MINOR
    )
    assert [s["language"] for s in item["signals"] if s["kind"] == "code_changed"] == ["rust"]


LISTINGS = article(
    "Pattern syntax",
    "Every place patterns can appear.",
    body="## Matching literals\n\n```rust\n"
    "{{#rustdoc_include ../listings/ch18-patterns/no-listing-01/src/main.rs:here}}\n```\n\n"
    "## Ignoring parts of a value\n\n```rust,ignore,does_not_compile\n"
    "{{#rustdoc_include ../listings/ch18-patterns/listing-18-21/src/main.rs:here}}\n```\n",
)


def test_a_sample_that_pulls_in_a_listing_from_a_renamed_folder_is_no_sample_changed(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md: an include path is not something readers type. A book's samples that pull
    in their listings (mdBook's `{{#rustdoc_include …}}`) from a chapter folder renamed with
    the chapters' numbers show the same code: no sample changed."""
    after = LISTINGS.replace("ch18-patterns", "ch19-patterns").replace("18-21", "19-21")
    item = expect(_edit(docs_repo, "docs/patterns.md", LISTINGS, after), "docs/patterns.md", MINOR)
    assert "code_changed" not in _kinds(item), item["signals"]


RELEASE_POST = (
    "---\ntitle: Contoso 24.0.0\n---\n\nContoso 24.0.0 is out. Install it with npm.\n\n"
    "## Notable Changes\n\n### Breaking Changes\n\n"
    "#### API Changed: `createThumbnail(path, size)`\n\nThe `maxSize` parameter is `size` now.\n\n"
    "### New Features\n\n- Cookies can be filtered by `HttpOnly`.\n"
)


@pytest.mark.parametrize(
    ("edited", "expected"),
    [
        (lambda post: post.replace("## Notable Changes\n\n", "").replace("### ", "## "), MINOR),
        (
            lambda post: post.replace(
                "### New Features",
                "### Breaking Changes\n\n- `app.quit()` no longer waits.\n\n### New Features",
            ),
            BREAKING,
        ),
    ],
    ids=["headings-a-level-up", "a-breaking-entry-added"],
)
def test_a_release_posts_headings_moved_up_announce_nothing_new(
    docs_repo: DocsRepo, edited: Callable[[str], str], expected: str
) -> None:
    """RUBRIC.md: what breaks is what a reader relied on that no longer holds; old entries
    of a release post are archived. A blog that moves every heading of its old posts one
    level up (`### Breaking Changes` → `## Breaking Changes`) announces nothing new; a
    post gaining a breaking entry does (the counter-case)."""
    types = _edit(docs_repo, "blog/contoso-24-0.md", RELEASE_POST, edited(RELEASE_POST))
    expect(types, "blog/contoso-24-0.md", expected)


HTML_TABLE = (
    "The composition animates these properties:<table>\n"
    "   <tr><th>Object</th><th>Property Name</th><th>Property Type</th></tr>\n"
    "   <tr><td>[Visual](visual.md)</td><td>[AnchorPoint](visual_anchorpoint.md)</td>"
    "<td>Vector2</td></tr>\n"
    "   <tr><td /><td>[Offset](visual_offset.md)</td><td>Vector3</td></tr>\n"
    "   <tr><td /><td>[Opacity](visual_opacity.md)</td><td>Scalar</td></tr>\n"
    "</table>\n"
)
MARKDOWN_TABLE = (
    "The composition animates these properties:\n\n"
    "| Object | Property Name | Property Type |\n|---|---|---|\n"
    "| [Visual](visual.md) | [AnchorPoint](visual_anchorpoint.md) | Vector2 |\n"
    "|  | [Offset](visual_offset.md) | Vector3 |\n"
    "|  | [Opacity](visual_opacity.md) | Scalar |\n"
)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (MARKDOWN_TABLE, MINOR),
        (MARKDOWN_TABLE.replace("|  | [Opacity](visual_opacity.md) | Scalar |\n", ""), BREAKING),
    ],
    ids=["the-same-rows", "a-row-lost-on-the-way"],
)
def test_an_html_table_written_in_markdown_is_the_same_table(
    docs_repo: DocsRepo, after: str, expected: str
) -> None:
    """RUBRIC.md, "Addresses, versions and formats": a markup-syntax conversion with the same
    rendered text is minor. An HTML table (one row per line, `<td />` for an empty cell)
    rewritten as a Markdown table shows the same rows; a row left out on the way is a row
    removed (the counter-case)."""
    before = learn_page("Start an animation", "Animate a property of an object.", HTML_TABLE)
    after = learn_page("Start an animation", "Animate a property of an object.", after)
    path = f"{LEARN_DOCS}/start-animation.md"
    item = expect(_edit(docs_repo, path, before, after, "learn"), path, expected)
    assert ("Opacity" in item["reason"]) == (expected == BREAKING), item["reason"]


TERMINAL_SESSION = (
    "# Enum choices\n\nA parameter can take one of a set of values.\n\nCheck it:\n\n"
    "```console\n$ python main.py --help\n\n// Notice the choices [simple|conv|lstm]\n"
    "Usage: main.py [OPTIONS]\n\nOptions:\n  --network [simple|conv|lstm]  [default: simple]\n"
    "  --help                        Show this message and exit.\n\n// Try it\n"
    "$ python main.py --network conv\n\nTraining neural network of type: conv\n\n"
    "// Invalid value\n$ python main.py --network capsule\n\nUsage: main.py [OPTIONS]\n"
    "Error: Invalid value for '--network': 'capsule' is not one of 'simple', 'conv'.\n\n"
    "// Choices are case sensitive\n$ python main.py --network CONV\n\n"
    "Error: Invalid value for '--network': 'CONV' is not one of 'simple', 'conv'.\n\n"
    "// Another choice\n$ python main.py --network lstm\n\n"
    "Training neural network of type: lstm\n```\n"
)


def test_a_terminal_sessions_output_refreshed_and_commands_run_by_a_runner(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md: "old sample code that no longer works" is breaking. In a terminal session
    only the lines after a prompt are typed; the rest is what the program printed. A newer
    release prints its choices another way (``[a|b]`` → ``<a|b>``) and every command now runs
    through a runner (``uv run python main.py``): what readers typed still works."""
    after = TERMINAL_SESSION.replace("$ python", "$ uv run python")
    after = after.replace("[simple|conv|lstm]", "<simple|conv|lstm>")
    item = expect(_edit(docs_repo, "docs/enum.md", TERMINAL_SESSION, after), "docs/enum.md", MINOR)
    assert "code_changed" not in _kinds(item)


COLORED_SESSION = (
    '# First steps\n\nRun the live server:\n\n<div class="termy">\n\n```console\n'
    '$ <font color="#4E9A06">contoso</font> dev\n\n'
    '  <span style="background-color:#009485"><font color="#D3D7CF"> Contoso </font></span>'
    "  Starting development server\n```\n\n</div>\n\nOpen the address it prints.\n"
)


@pytest.mark.parametrize(
    ("command", "expected"),
    [("uv run contoso</font> dev", MINOR), ("contoso</font> serve", BREAKING)],
)
def test_a_command_drawn_in_color_is_the_command_readers_type(
    docs_repo: DocsRepo, command: str, expected: str
) -> None:
    """RUBRIC.md: "old sample code that no longer works" is breaking. A terminal session drawn
    in color on the page (``<font color=…>contoso</font> dev``) has readers type the words, not
    the markup: the command run through a runner still works as it was, while another verb
    does not."""
    after = COLORED_SESSION.replace("contoso</font> dev", command)
    expect(
        _edit(docs_repo, "docs/first-steps.md", COLORED_SESSION, after),
        "docs/first-steps.md",
        expected,
    )


def test_the_prompts_dropped_from_a_samples_commands_change_no_line(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: markup-syntax conversions with the same text are minor. A sample's ``$``
    prompts dropped leave the same commands: no sample line changed, and the title does not
    quote a prompt."""
    item = expect(
        _edit(docs_repo, "docs/build.md", PROMPTED, PROMPTED.replace("$ ", "")),
        "docs/build.md",
        MINOR,
    )
    assert "code_changed" not in _kinds(item)
    assert "$" not in item["title"]


def test_a_markdown_sample_with_a_quote_is_no_terminal_session(docs_repo: DocsRepo) -> None:
    """The counter-case to nushell's ``>`` prompt: in a Markdown sample, ``>`` starts a quote,
    not a command; the sample's other lines are not what a command printed, and a change to
    them is a sample line changed."""
    sample = (
        "# Alerts\n\nWrite an alert as a quote:\n\n```md\n> [!NOTE]\n> Highlights information.\n\n"
        "Use an alert where {kind} says it.\n```\n"
    )
    before, after = sample.format(kind="the style guide"), sample.format(kind="`alert-kind`")
    item = _edit(docs_repo, "docs/alerts.md", before, after)["docs/alerts.md"]
    assert "code_changed" in _kinds(item)


def test_a_terminal_sessions_commands_changed_still_count(docs_repo: DocsRepo) -> None:
    """The counter-case: the commands readers type change (another script, another option);
    each of the five counts as a sample line changed, and only they do."""
    after = TERMINAL_SESSION.replace("$ python main.py", "$ python train.py").replace(
        "--network", "--arch"
    )
    item = _edit(docs_repo, "docs/enum.md", TERMINAL_SESSION, after)["docs/enum.md"]
    changed = [signal for signal in item["signals"] if signal["kind"] == "code_changed"]
    assert [(signal["added"], signal["removed"]) for signal in changed] == [(5, 5)]


def test_workflows_and_issue_templates_are_no_pages(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Addresses, versions and formats": what publishes no page is judged by the
    pages it changes. A CI workflow (``.github/``) and an issue template GitHub reads at the
    top of the repository are read by no site and no reader of the docs: lines removed from
    one, or the other removed, break nothing."""
    mkdocs_site(docs_repo)
    workflow = (
        "name: Docs\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - run: pip install mkdocs\n"
        "      - run: mkdocs build --strict\n      - run: echo Published to the site\n"
    )
    docs_repo.write(".github/workflows/docs.yml", workflow)
    docs_repo.write(
        "ISSUE_TEMPLATE.md",
        "---\ntitle: Report a problem\n---\n\nDescribe the page and what is wrong with it."
        " Add the steps to reproduce, what you expected and what happened instead.\n",
    )
    base = docs_repo.commit("base")
    docs_repo.write(".github/workflows/docs.yml", workflow.split("      - run: mkdocs")[0])
    docs_repo.remove("ISSUE_TEMPLATE.md")
    types = judge(docs_repo, base, docs_repo.commit("Trim the workflow, drop the template"))
    expect(types, ".github/workflows/docs.yml", MINOR)
    expect(types, "ISSUE_TEMPLATE.md", MINOR)


def test_a_test_fixture_outside_the_site_is_no_page(docs_repo: DocsRepo) -> None:
    """A Markdown file in a tests folder that the site does not publish is what a test
    compares its output with: its options renamed in a new release rename nothing for a
    reader. A guide outside the site's folders stays a page (the counter-case)."""
    mkdocs_site(docs_repo)
    fixture = "# CLI\n\n**Options**:\n\n* `--name TEXT`: The name.  [default: World]\n"
    docs_repo.write("tests/assets/cli/docs.md", fixture)
    docs_repo.write("guides/cli.md", fixture)
    base = docs_repo.commit("base")
    renamed = fixture.replace("--name TEXT", "--user TEXT").replace("World", "Everyone")
    docs_repo.write("tests/assets/cli/docs.md", renamed)
    docs_repo.write("guides/cli.md", renamed)
    types = judge(docs_repo, base, docs_repo.commit("Regenerate the fixtures"))
    expect(types, "tests/assets/cli/docs.md", MINOR)
    expect(types, "guides/cli.md", BREAKING)


BENCHMARKS = (
    "# Benchmarks\n\nEach row says which of the cache, the lockfile and node_modules are"
    " present before the install runs.\n\n"
    "| action | cache | lockfile | node_modules | npm | pnpm |\n|---|---|---|---|---|---|\n"
    "| install | | | | 27.1s | 7.5s |\n| install | ✔ | ✔ | ✔ | 1.1s | 0.6s |\n"
    "| install | ✔ | | | 7.2s | 1.9s |\n| install | | ✔ | | 6.9s | 3.3s |\n"
    "| update | | | | 5.1s | 4.9s |\n"
)


def test_rows_that_share_their_first_cell_are_not_matched_by_it(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "routine table maintenance" is minor. The rows of a benchmark all start with
    ``install``; the benchmark ran again and its rows came in another order. A mark that went
    from a row that shares its first cell with others is no availability reduced."""
    rows = BENCHMARKS.split("|---|---|---|---|---|---|\n")
    lines = rows[1].splitlines(keepends=True)
    refreshed = [line.replace("27.1s", "25.8s").replace("7.2s", "6.1s") for line in lines]
    after = (
        rows[0]
        + "|---|---|---|---|---|---|\n"
        + "".join([refreshed[0], refreshed[2], refreshed[3], refreshed[1], refreshed[4]])
    )
    expect(_edit(docs_repo, "docs/benchmarks.md", BENCHMARKS, after), "docs/benchmarks.md", MINOR)


PLATFORMS = (
    "---\ntitle: Shell\ndescription: Spawn child processes.\nplugin: shell\n---\n\n"
    "import PluginLinks from '@components/PluginLinks.astro';\n\n"
    "<PluginLinks plugin={frontmatter.plugin} />\n\n"
    "Spawn child processes and open files with their default application.\n\n"
    "## Supported platforms\n\n- Windows\n- Linux\n- macOS\n\n"
    "## Setup\n\nAdd the plugin to the project's dependencies.\n"
)


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        ("<Compatibility plugin={frontmatter.plugin} />\n", MINOR),
        ("The plugin runs on Windows and Linux.\n", BREAKING),
    ],
)
def test_a_list_a_component_took_the_place_of(
    docs_repo: DocsRepo, replacement: str, expected: str
) -> None:
    """RUBRIC.md: content moved elsewhere is not removed. A list of platforms whose place a
    component took (``<Compatibility plugin=… />``, which shows every plugin's platforms from
    one table) is shown by that component: no platform went. Replaced by a sentence that
    names fewer, one did (the counter-case)."""
    after = PLATFORMS.replace("- Windows\n- Linux\n- macOS\n", replacement)
    after = after.replace(
        "import PluginLinks",
        "import Compatibility from '@components/Compatibility.astro';\nimport PluginLinks",
    )
    starlight_site(docs_repo)
    docs_repo.write("src/content/docs/plugin/shell.mdx", PLATFORMS)
    base = docs_repo.commit("base")
    docs_repo.write("src/content/docs/plugin/shell.mdx", after)
    types = judge(docs_repo, base, docs_repo.commit("Show the platforms from one table"))
    expect(types, "src/content/docs/plugin/shell.mdx", expected)


FIELDS = (
    "# Transactions\n\nThe request holds three lists:\n\n"
    "* Compare - A list of predicates that guard the transaction.\n"
    "* Success - A list of requests to process if all compare tests evaluate to true.\n"
    "* Responses - A list of responses from applying the `Success` block if succeeded is"
    " true or the `Failure` block otherwise.\n\n"
    "* Kvs - the key-value pairs the range matched. When `Count_Only` is set, `Kvs` is empty.\n"
)
FIELDS_AS_DECLARED = (
    "# Transactions\n\nThe request holds three lists:\n\n"
    "* `compare` - a list of predicates that guard the transaction.\n"
    "* `success` - a list of requests to process if all compare tests evaluate to true.\n"
    "* `responses` - a list of responses from applying success if succeeded is true or"
    " failure otherwise.\n\n"
    "* `kvs` - the key-value pairs the range matched. `kvs is empty when count is requested`\n"
)


def test_field_names_written_as_declared_rename_nothing(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Corrections versus changes": a case change to match the declared name is
    a correction. The fields of a message written as the protocol declares them
    (``Success`` → ``success``), set in code style or taken out of it in the same line, and a
    sentence that happens to be set in code style (``kvs is empty when count is
    requested``) rename nothing."""
    types = _edit(docs_repo, "docs/api.md", FIELDS, FIELDS_AS_DECLARED)
    item = expect(types, "docs/api.md", MINOR)
    assert "identifier_renamed" not in _kinds(item)


OPERATIONS = (
    "# Operations\n\nEach operation of a transaction:\n\n"
    "| Operation | Defination |\n|---|---|\n| `put` | Writes a key. |\n"
    "| `delete` | Removes a key. |\n"
)


def test_a_column_name_whose_spelling_was_fixed_is_the_same_column(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Corrections versus changes": a typo fixed is minor, in a table's header
    too. A column ``Defination`` spelled ``Definition`` is no column removed."""
    after = OPERATIONS.replace("Defination", "Definition")
    types = _edit(docs_repo, "docs/operations.md", OPERATIONS, after)
    item = expect(types, "docs/operations.md", MINOR)
    assert not {kind for kind in _kinds(item) if kind.startswith("table_column")}


PICKER = (
    "# Picker\n\nA picker shows a list of items to choose from. It defines these properties:\n\n"
    "- `FontAttributes` of type `FontAttributes`, which defaults to `FontAtributes.None`.\n"
    "- `FontSize` of type `double`, which defaults to -1.0.\n\n"
    "Sign the package with your certificate's thumbprint:\n\n```console\n"
    "dotnet publish -f net9.0-windows -p:PackageCertificateThumbprint="
    "A10612AF095FD8F8255F4C6691D88F79EF2B135E\n```\n"
)


def test_a_default_spelled_as_its_type_and_a_sample_thumbprint(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Corrections versus changes": a typo fixed inside a name is a correction.
    A default written with its type's name misspelled (``FontAtributes.None``, the page names
    the type ``FontAttributes``) changes no default; a sample's certificate thumbprint (a
    hash, like a key or a GUID) is a value the sample gives, no name readers type."""
    after = PICKER.replace("FontAtributes.None", "FontAttributes.None").replace(
        "A10612AF095FD8F8255F4C6691D88F79EF2B135E", "AA11BB22CC33DD44EE55FF66AA77BB88CC99DD00"
    )
    item = expect(_edit(docs_repo, "docs/picker.md", PICKER, after), "docs/picker.md", MINOR)
    kinds = _kinds(item)
    assert not kinds & {"default_changed", "identifier_renamed", "code_line_changed"}, kinds


SYNTAX = learn_page(
    "Set-ItemProperty",
    "Creates or changes the value of a property of an item.",
    "\n## SYNTAX\n\n```\nSet-ItemProperty [-Path] <string[]> [-Name] <string> [-Value] <Object>"
    " [-PassThru] [-Force]\n [-Filter <string>] [-Include <string[]>] [-Exclude <string[]>]"
    " [-Credential <pscredential>]\n [-WhatIf] [-Confirm] [<CommonParameters>]\n```\n",
)


def test_a_syntax_block_rewrapped_changes_no_sample(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Addresses, versions and formats": a reflow with the same text is minor.
    A cmdlet's syntax broken into lines at another width says the same words in the same
    order: no sample line changed."""
    after = SYNTAX.replace(
        " [-PassThru] [-Force]\n [-Filter <string>] [-Include <string[]>] [-Exclude <string[]>]"
        " [-Credential <pscredential>]\n [-WhatIf]",
        " [-PassThru]\n [-Force] [-Filter <string>] [-Include <string[]>] [-Exclude <string[]>]\n"
        " [-Credential <pscredential>] [-WhatIf]",
    )
    assert after != SYNTAX
    path = f"{LEARN_DOCS}/Set-ItemProperty.md"
    item = expect(_edit(docs_repo, path, SYNTAX, after, site="learn"), path, MINOR)
    assert "code_changed" not in _kinds(item)


PROFILE = learn_page(
    "Test-Path",
    "Determines whether all elements of a path exist.",
    "\n### Example 4: Check for a file\n\n```powershell\nTest-Path -Path $profile -PathType leaf\n"
    "```\n\nThe command checks whether the profile is a file.\n",
)


def test_two_names_of_one_line_written_in_another_case(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "Corrections versus changes": fixing the case of a name is a correction.
    One line writes two names in their documented case (``$profile`` → ``$PROFILE``,
    ``leaf`` → ``Leaf``): each pairs with itself, neither is renamed to the other."""
    after = PROFILE.replace("$profile -PathType leaf", "$PROFILE -PathType Leaf")
    path = f"{LEARN_DOCS}/Test-Path.md"
    item = expect(_edit(docs_repo, path, PROFILE, after, site="learn"), path, MINOR)
    assert "identifier_renamed" not in _kinds(item)


BUFFERING = """\
---
title: Buffering middleware
---

# Buffering

The buffering middleware reads the whole request into memory before it forwards the request
to the service, so that a slow client never holds a connection to the service open.

## maxRequestBodyBytes

The largest request body, in bytes, that the middleware accepts before it answers 413.
"""
BUFFERING_REWRITTEN = """\
---
title: Buffering middleware
---

Buffering reads each request whole, in memory, before forwarding it: a slow client then
never keeps a connection to the service open.

## maxRequestBodyBytes

The largest request body, in bytes, that the middleware accepts before it answers 413.
"""


def test_a_page_rewritten_without_its_title_heading_removes_no_section(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md, "Corrections versus changes": a reader of the old text is wrong only where
    what they relied on is gone. A page rewritten for a reference layout drops its `#`
    heading (the front matter's title names the page) and rewords its lead; the heading titled
    the whole page, so no section went with it, and its option is still documented."""
    items = _edit(docs_repo, "docs/buffering.md", BUFFERING, BUFFERING_REWRITTEN)
    item = expect(items, "docs/buffering.md", MINOR)
    assert "section_removed" not in _kinds(item), item["signals"]


def _changelog(org: str, order: tuple[int, ...]) -> str:
    """An old changelog whose entries link to pull requests of ``org``'s project, listed in
    ``order``."""
    entries = (
        "- `[snapshot]` [**BREAKING**] Write snapshots next to their tests ([#{n}]({url}/{n}))",
        "- `[reporters]` Notifications are no longer persistent in the shell ([#{n}]({url}/{n}))",
        "- `[runtime]` Add support for `import.meta.dirname` ([#{n}]({url}/{n}))",
        "- `[config]` Read `jest.config.mts` files ([#{n}]({url}/{n}))",
        "- `[worker]` Restart a stopped worker before giving it a task ([#{n}]({url}/{n}))",
    )
    url = f"https://github.com/{org}/jest/pull"
    lines = [entries[index].format(n=1000 + index, url=url) for index in order]
    return "# Changelog\n\n## 29.0.0\n\n### Features\n\n" + "\n".join(lines) + "\n"


def test_an_old_changelog_whose_links_move_to_the_projects_new_address(
    docs_repo: DocsRepo,
) -> None:
    """RUBRIC.md, "Corrections versus changes": link targets retargeted are minor. Entries of a
    past release that now link to the project's new address (and are sorted on the way) say
    what they said: no breaking change flagged anew, nothing announced lost or added."""
    before = _changelog("facebook", (0, 1, 2, 3, 4))
    after = _changelog("jestjs", (4, 3, 2, 1, 0))
    item = expect(_edit(docs_repo, "CHANGELOG.md", before, after), "CHANGELOG.md", MINOR)
    assert not _kinds(item) & {"breaking_entry_added", "capability_lost", "capability_added"}


def _options(required: dict[str, str]) -> str:
    """A reference page whose options table is longer than a hunk's context: an edit near
    its end shows no header."""
    rows = [f"| `{name}` | string | {required.get(name, 'No')} | - |" for name in OPTION_NAMES]
    return (
        "# Options\n\nThe options of `createMap`:\n\n| Option | Type | Required | Default |\n"
        "|---|---|---|---|\n" + "\n".join(rows) + "\n\nEach option is read once.\n"
    )


OPTION_NAMES = tuple(f"option{letter}" for letter in "ABCDEFGHIJ")


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [("Yes", "No", MINOR), ("No", "Yes", BREAKING)],
    ids=["made-optional", "made-required"],
)
def test_a_required_column_says_what_is_required_not_what_is_available(
    docs_repo: DocsRepo, before: str, after: str, expected: str
) -> None:
    """RUBRIC.md, "breaking change": a new required parameter is breaking; one made optional
    asks nothing of a reader. A ``Required`` column's ``Yes`` and ``No`` are no availability
    marks, even where the edit stands far below the table's header."""
    old = _options({"optionI": before, "optionJ": before})
    new = _options({"optionI": after, "optionJ": after})
    item = expect(_edit(docs_repo, "docs/options.md", old, new), "docs/options.md", expected)
    assert not {kind for kind in _kinds(item) if kind.startswith("availability")}
    if expected == BREAKING:
        assert "statement_corrected" in _kinds(item)


def _configuration_reference(runner_heading: str) -> str:
    """A configuration reference: a section per option, headed by its name and type."""
    sections = {
        "`bail` \\[number]": "How many failed tests stop the run.",
        "`cache` \\[boolean]": "Whether test results are cached between runs.",
        runner_heading: "The runner that executes each test file, by package name or path.",
        "`roots` \\[array]": "The folders that tests and modules are searched in.",
        "`silent` \\[boolean]": "Whether the console of the tests stays quiet.",
        "`verbose` \\[boolean]": "Whether each test's result is printed.",
    }
    body = "".join(
        f"\n### {heading}\n\n{text}\n\nDefault: none.\n\n"
        "This option can also be set on the command line.\n"
        for heading, text in sections.items()
    )
    return f"# Configuration\n\nEvery option of the configuration file.\n{body}"


def test_a_reference_heading_retyped_is_the_same_section(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "minor update": wording and formatting. A reference heading that names the
    same option on both sides is one section whatever else its heading says (its type
    widened: ``runner [string]`` → ``runner [string | [string, object]]``), even moved down
    the page: no section removed."""
    old = _configuration_reference("`runner` \\[string]")
    new = _configuration_reference("`runner` \\[string | \\[string, object\\]]")
    runner = new[new.index("\n### `runner`") : new.index("\n### `roots`")]
    new = new.replace(runner, "") + runner  # moved below the others, its words the same
    _one_section_renamed(docs_repo, "docs/configuration.md", old, new)


LOGGED = (
    "# Logging\n\nTurn debug logging on:\n\n```python\nimport logging\n"
    "logging.basicConfig(level=logging.DEBUG)\n```\n\nA request then logs what it does:\n\n"
    "```\n"
    "DEBUG [2023-03-16 14:36:20] httpcore.connection - connect_tcp.started host='example.com'\n"
    "DEBUG [2023-03-16 14:36:20] httpcore.connection - connect_tcp.complete "
    "return_value=<SyncStream object at 0x1068fd270>\n"
    "DEBUG [2023-03-16 14:36:21] httpcore.http11 - send_request_headers.started\n"
    'INFO [2023-03-16 14:36:21] httpx - HTTP Request: GET https://example.com "200 OK"\n'
    "```\n"
)


def test_a_log_refreshed_renames_nothing(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "minor update": small clarifications. A block whose lines start with a
    timestamp or a log level shows what a program printed: its addresses, dates and module
    names changed when it was run again are no names readers type, nor versions."""
    after = (
        LOGGED.replace("2023-03-16", "2024-09-28")
        .replace("0x1068fd270", "0x101f1e8e0")
        .replace("<SyncStream", "<httpcore._backends.sync.SyncStream")
    )
    item = expect(_edit(docs_repo, "docs/logging.md", LOGGED, after), "docs/logging.md", MINOR)
    assert not _kinds(item) & {"identifier_renamed", "version_changed", "code_changed"}


BOOTSTRAP = (
    "# First steps\n\nStart the application in `main.ts`:\n\n```ts\n"
    "async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n"
    "  await app.listen(3000);\n}\nbootstrap();\n```\n\nThen open the address it serves.\n"
)

TASK = (
    "# Deploy task\n\nDeploys a function app.\n\n## Inputs\n\n### runtimeStack\n\n"
    "Specify the runtime stack your app runs on. Old values like `DOCKER|image-*` are"
    " deprecated. New values are listed in the task assistant.\n\n"
    "## Example\n\n```yaml\n- task: Deploy@2\n  inputs:\n    approvers: |\n      test@test.com\n"
    "    image: registry.example.org/samples/helloworld:latest\n```\n\n"
    "The task deploys `registry.example.org/samples/helloworld:latest` to the app.\n"
)


def test_a_notice_the_page_already_gave_is_no_news(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "breaking change": something announced as deprecated. A parameter's help
    added for one more version of the product, carrying the notice the page already gave word
    for word, announces nothing; a notice the page never gave still does."""
    repeated = TASK.replace(
        "## Example",
        "### runtimeStack (server)\n\nSpecify the runtime stack your app runs on. Old values"
        " like `DOCKER|image-*` are deprecated. New values are listed in the task assistant."
        "\n\n## Example",
    )
    item = _edit(docs_repo, "docs/deploy.md", TASK, repeated)["docs/deploy.md"]
    assert item["type"] != BREAKING, item["reason"]
    assert "deprecation_added" not in _kinds(item)


def test_a_new_notice_still_announces(docs_repo: DocsRepo) -> None:
    notice = TASK.replace(
        "Deploys a function app.",
        "Deploys a function app. This version of the task is deprecated; use Deploy@3 instead.",
    )
    item = expect(_edit(docs_repo, "docs/deploy.md", TASK, notice), "docs/deploy.md", BREAKING)
    assert "deprecation_added" in _kinds(item)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("test@test.com", "test@contoso.com"),
        (
            "registry.example.org/samples/helloworld:latest",
            "registry.example.org/<existing-image>:latest",
        ),
    ],
    ids=["example-address", "value-left-to-fill"],
)
def test_a_sample_value_readers_put_their_own_in_place_of(
    docs_repo: DocsRepo, old: str, new: str
) -> None:
    """RUBRIC.md, "Corrections versus changes": a sample tweak. An email address in a sample,
    or a value the sample now leaves to a placeholder (``…/<existing-image>:latest``), is the
    reader's own to fill in: nothing they typed as it stood is renamed."""
    item = expect(
        _edit(docs_repo, "docs/deploy.md", TASK, TASK.replace(old, new)), "docs/deploy.md", MINOR
    )
    assert "identifier_renamed" not in _kinds(item)


def test_a_sample_value_replaced_by_another_value_is_still_renamed(docs_repo: DocsRepo) -> None:
    new = TASK.replace("samples/helloworld:latest", "samples/hello-app:latest")
    item = expect(_edit(docs_repo, "docs/deploy.md", TASK, new), "docs/deploy.md", BREAKING)
    assert "identifier_renamed" in _kinds(item)


QUESTIONS = [
    f"Why does the store {verb} every subscriber when the state of a slice changes"
    for verb in ("notify", "call", "wake", "tell", "update", "visit", "render", "warn", "poll")
]


def _faq(contents: bool) -> str:
    anchors = [
        "- [" + question + "?](#" + "-".join(question.lower().split()) + ")"
        for question in QUESTIONS
    ]
    listed = "## Table of Contents\n\n" + "\n".join(anchors) + "\n\n" if contents else ""
    answers = "".join(
        f"## {question}?\n\nBecause the {question.split()[4]} step keeps views current.\n\n"
        for question in QUESTIONS
    )
    return "# Store FAQ\n\n" + listed + answers


def test_a_contents_list_dropped_removes_no_text(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "minor update": formatting, TOC ordering. A list of links to the page's own
    sections (a table of contents the site also draws beside the page) shows no text of its
    own: dropping it loses no answer, every section stays."""
    item = expect(
        _edit(docs_repo, "docs/faq.md", _faq(contents=True), _faq(contents=False)),
        "docs/faq.md",
        MINOR,
    )
    assert "text_removed" not in _kinds(item)


SESSION = (
    "# Package\n\nInstall the tool:\n\n```console\n$ tool add demo\n\n"
    "// It creates a virtual environment\nUsing interpreter at: /location/of/python/\n"
    "Creating virtual environment at: .venv\n\n"
    + "".join(f"Step {n} done\n" for n in range(6))
    + "Resolved 10 packages in 21ms\nPrepared 1 package in 19ms\nInstalled 10 packages in 34ms\n"
    " + colorama==0.4.6\n + mdurl==0.1.2\n + rich==14.2.0\n```\n\nThen run it.\n"
)


def test_output_read_in_a_hunk_that_starts_inside_its_block(docs_repo: DocsRepo) -> None:
    """RUBRIC.md, "minor update": nothing readers must act on. A change in what a terminal
    session printed ("Resolved 10 packages" → "Resolved 9 packages") is output, also where
    git's hunk starts inside the block, below its fence: the page says where it stands."""
    after = SESSION.replace("Resolved 10", "Resolved 9").replace("Installed 10", "Installed 9")
    item = expect(_edit(docs_repo, "docs/package.md", SESSION, after), "docs/package.md", MINOR)
    assert "value_changed" not in _kinds(item)


SECRET = (
    "# Authenticate the scaler\n\nStore the host and the token in a secret:\n\n```yaml\n"
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: keda-secret\ntype: Opaque\ndata:\n"
    "  host: aHR0cHM6Ly9kdW1teS1pbnN0YW5jZS5leGFtcGxlLmNvbS8K # https://dummy.example.com/\n"
    "```\n\nThen point the trigger at it.\n\n```powershell\n"
    "Get-Process | where { $_.CPU -gt 100 }\n```\n"
)


EGRESS = (
    "# Egress traffic\n\nSend a request out of the cluster:\n\n```bash\n"
    "kubectl exec deploy/client -- curl -sv http://example.com\n```\n\n"
    "Post the release announcement:\n\n```markdown\n## Community\n\n"
    "- Join the developer call via [Zoom](https://zoom.example.com/j/696660622)\n```\n"
)


@pytest.mark.parametrize(
    ("page", "old", "new"),
    [
        (
            SECRET,
            "aHR0cHM6Ly9kdW1teS1pbnN0YW5jZS5leGFtcGxlLmNvbS8K",
            "aHR0cHM6Ly9kdW1teS1pbnN0YW5jZS5leGFtcGxlLmNvbS8",
        ),
        (SECRET, "| where {", "| Where-Object {"),
        (EGRESS, "curl -sv http://example.com", "curl -sv https://example.com"),
        (
            EGRESS,
            "(https://zoom.example.com/j/696660622)",
            "(https://meet.example.org/m/91295593969)",
        ),
    ],
    ids=["encoded-data", "alias-written-out", "same-address-over-tls", "link-in-markdown"],
)
def test_sample_values_and_spellings_that_rename_nothing(
    docs_repo: DocsRepo, page: str, old: str, new: str
) -> None:
    """RUBRIC.md, "Corrections versus changes": a sample tweak. A secret's data in a sample,
    base64-encoded, is a value readers put their own in place of; a command's short name
    written out in full (``where`` → ``Where-Object``) runs the same command; the same address
    over TLS (``http://`` → ``https://``) is no other endpoint, and a link's target in a block
    of Markdown readers copy is a link they follow, not a name they type."""
    item = expect(
        _edit(docs_repo, "docs/sample.md", page, page.replace(old, new)), "docs/sample.md", MINOR
    )
    assert "identifier_renamed" not in _kinds(item)


TRY_FILES = (
    "# try_files\n\nRewrites the request to the first file that exists.\n\n## Syntax\n\n"
    "```caddy-d\ntry_files <files...> {\n\tpolicy first_exist|smallest_size|largest_size\n}\n"
    "```\n\n- **policy** chooses a file among those listed.\n"
)
DIRTY = (
    "# Git is in a dirty state\n\nThe release stops when files changed since the last commit.\n"
    "Here's an example error:\n\n```\n"
    "   ⨯ release failed after 0.02s error=git is currently in a dirty state\n"
    "Please check in your pipeline what can be changing the following files:\n```\n\n"
    "Run it again with the changes committed:\n\n```sh\ngoreleaser release --clean\n```\n"
)
TOOLCHAINS = (
    "# Toolchains\n\nA toolchain is named by its channel and host:\n\n```\n"
    "<toolchain-name> = <channel>[-<host>]\n<host>          = <target-triple>\n```\n\n"
    "Download the installer from\n"
    "`https://static.example.org/rustup/dist/{target-triple}/rustup-init[.exe]`.\n"
)
HEALTH = (
    "# Configure health checks\n\nA retry happens only after `retryPeriod` from the previous "
    "retry has elapsed. If `retryPeriod` is not set (default), a retry happens at once.\n\n"
    "The check gives up after the timeout (default `short`).\n"
)
TASKS = (
    "# Manage fixed assets\n\nWhat you can do with fixed assets:\n\n"
    "| To... | See |\n| --- | --- |\n"
    "| Do ad-hoc analysis of fixed assets data. | [Ad-hoc analysis](ad-hoc.md) |\n"
    "| Explore built-in reports. | [Built-in reports](reports.md) |\n\n"
    "## Platforms\n\n| Feature | Windows | Linux |\n| --- | --- | --- |\n"
    "| Export | Yes | Yes |\n| Import | Yes | Yes |\n"
)

SERIES = (
    "# Create number series\n\nA number series holds up to 9999 numbers; start another "
    "when it runs out.\n\nA forecast reads up to 50,000 entries of history.\n"
)
THEMING = (
    "# Range parts\n\nStyle the parts of a range from your own stylesheet:\n\n```css\n"
    "ion-range::part(tick) {\n  background: #a2d2ff;\n}\n\n"
    "ion-range::part(pin) {\n  color: #fff;\n}\n```\n"
)
ANIMATIONS = (
    "# Animations\n\nDevelopers using Angular should install the latest version of "
    "`@ionic/angular`.\n\n```ts\nimport { AnimationController } from "
    "'@ionic/angular/standalone';\nimport { Item } from './types';\n\n"
    "const animation = this.animationCtrl.create();\n```\n"
)

MIGRATION = (
    "# From v12 to v14\n\nThe codemod replaces the removed printing functions.\n\n"
    "### Example\n\n```js displayName=\"Before\"\nconst util = require('node:util');\n\n"
    "util.print('Hello world');\nutil.error('Hello world');\n```\n\n"
    "```js displayName=\"After\"\nconsole.log('Hello world');\n"
    "console.error('Hello world');\n```\n"
)
MIGRATION_BLOCKS = MIGRATION[MIGRATION.index("```js") :]
MIGRATION_DIFF = (
    '```diff\n- const util = require("node:util");\n\n- util.print("Hello world");\n'
    '+ console.log("Hello world");\n- util.error("Hello world");\n'
    '+ console.error("Hello world");\n```\n'
)


@pytest.mark.parametrize(
    ("page", "old", "new", "expected", "kind"),
    [
        pytest.param(
            COMMAND_PAGE,
            "To use this command, you must install and register `nu_plugin_polars`.\n",
            "",
            MINOR,
            None,
            id="a-prerequisite-dropped",
        ),
        pytest.param(
            COMMAND_PAGE,
            "\n## Flags\n\nUse `--sorted` to keep the groups in order.\n",
            "",
            BREAKING,
            None,
            id="a-flag-dropped",
        ),
        pytest.param(
            BOOTSTRAP,
            "await app.listen(3000);",
            "await app.listen(process.env.PORT ?? 3000);",
            MINOR,
            None,
            id="old-value-kept",
        ),
        pytest.param(
            BOOTSTRAP,
            "await app.listen(3000);",
            "await app.listen(process.env.PORT);",
            BREAKING,
            None,
            id="old-value-gone",
        ),
        pytest.param(
            TRY_FILES,
            "first_exist|smallest_size",
            "first_exist|first_exist_fallback|smallest_size",
            NEW,
            "sample_key_added",
            id="a-choice-added",
        ),
        pytest.param(
            TRY_FILES,
            "first_exist|smallest_size|largest_size",
            "first_exist",
            BREAKING,
            "code_line_changed",
            id="choices-removed",
        ),
        pytest.param(
            DIRTY, "git is currently in", "git is in", MINOR, None, id="a-message-reworded"
        ),
        pytest.param(
            DIRTY, "release --clean", "release --rm-dist", BREAKING, None, id="an-option-renamed"
        ),
        pytest.param(
            TOOLCHAINS, "target-triple", "target-tuple", MINOR, None, id="placeholders-renamed"
        ),
        pytest.param(
            TOOLCHAINS, "rustup-init[", "rustup-setup[", BREAKING, None, id="a-file-renamed"
        ),
        pytest.param(
            HEALTH,
            "`retryPeriod`",
            "`retryPeriodSeconds`",
            BREAKING,
            "identifier_renamed",
            id="a-field-renamed-beside-default",
        ),
        pytest.param(
            HEALTH,
            "(default `short`)",
            "(default `long`)",
            BREAKING,
            "default_changed",
            id="a-default-value-changed",
        ),
        pytest.param(
            TASKS,
            "| To... | See |\n| --- | --- |\n| Do ad-hoc analysis of fixed assets data. | [Ad-hoc",
            "| To... | Go to... |\n|--|--|\n| Do ad-hoc analysis of fixed assets data. | [Ad hoc",
            MINOR,
            None,
            id="a-column-retitled",
        ),
        pytest.param(
            TASKS,
            "Linux |\n| --- | --- | --- |\n| Export | Yes | Yes |\n| Import | Yes | Yes |",
            "macOS |\n| --- | --- | --- |\n| Export | Yes | No |\n| Import | Yes | No |",
            BREAKING,
            "table_column_removed",
            id="a-column-replaced",
        ),
        pytest.param(
            SERIES, "up to 9999 numbers", "up to 9,999 numbers", MINOR, None, id="thousands-grouped"
        ),
        pytest.param(
            SERIES,
            "up to 50,000 entries",
            "up to 5,000 entries",
            BREAKING,
            "limit_reduced",
            id="a-limit-reduced",
        ),
        pytest.param(THEMING, "#a2d2ff;", "#bde0fe;", MINOR, None, id="a-colour-changed"),
        pytest.param(
            THEMING, "ion-range::", "ion-slider::", BREAKING, None, id="an-element-renamed"
        ),
        pytest.param(
            ANIMATIONS,
            "'@ionic/angular/standalone'",
            "'@ionic/angular'",
            BREAKING,
            "identifier_renamed",
            id="another-entry-point-imported",
        ),
        pytest.param(ANIMATIONS, "'./types'", "'./models'", MINOR, None, id="a-file-of-the-sample"),
        pytest.param(ANIMATIONS, "'./types'", "''", MINOR, None, id="a-module-left-empty"),
        pytest.param(
            MIGRATION, MIGRATION_BLOCKS, MIGRATION_DIFF, MINOR, None, id="before-after-as-a-diff"
        ),
        pytest.param(
            MIGRATION,
            MIGRATION_BLOCKS,
            MIGRATION_DIFF.replace("util.print", "util.log").replace("util.error", "util.warn"),
            BREAKING,
            None,
            id="before-after-replaced",
        ),
    ],
)
def test_what_readers_type_and_what_they_only_read(
    docs_repo: DocsRepo, page: str, old: str, new: str, expected: str, kind: str | None
) -> None:
    """RUBRIC.md, "Corrections versus changes" and the three types, on what a reader types
    and what they only read:

    - a command's page that drops the note that readers must first install a plugin
      (`nu_plugin_polars`, named nowhere else) takes nothing readers use ("a new required
      step" is breaking, so a step no longer required is not); a flag's documentation
      removed does;
    - a value a sample now reads from the environment and falls back to (``PORT ?? 3000``)
      does what it did when nothing is set; without the fallback, the old sample no longer
      works;
    - a syntax line that lists values to choose from (``policy first_exist|smallest_size``)
      gaining one more documents a new value; losing its choices takes them away;
    - a word dropped from the sentence that a line of a sample holds (the message a failed
      release prints) is wording; an option of the command renamed is what readers type;
    - a placeholder renamed (``<target-triple>`` → ``<target-tuple>``, in a grammar and inside
      an address) asks for the same value; the file the address names renamed is another;
    - a field renamed in a sentence that says what happens by default ("If `retryPeriod` is
      not set (default)") is the field renamed, not a default changed; the value after
      "default" changed is the default changed;
    - a table header renamed in place over cells that read alike ("To... | See" → "To... |
      Go to...") retitles its columns; a column whose header and cells change (Linux →
      macOS, "Yes" → "No") was replaced;
    - a number written with its thousands grouped ("9999" → "9,999") is the same limit;
      "50,000" → "5,000" reduces it;
    - a colour a stylesheet sample sets (``#a2d2ff`` → ``#bde0fe``) is the sample's value; the
      element it styles renamed (``ion-range`` → ``ion-slider``) is what readers type;
    - a sample that imports from another entry point of a package
      (``'@ionic/angular/standalone'`` → ``'@ionic/angular'``, a name the page also says) has
      readers import from elsewhere: a package path is no value the sample chose and no
      spelling fixed; a file of the sample's own (``'./types'``) is;
    - samples "Before" and "After" rewritten as one diff (``- util.print(…)``, ``+
      console.log(…)``, quoted anew by a formatter) show the same code; a diff of other
      calls takes the old samples away.
    """
    assert old in page
    item = expect(
        _edit(docs_repo, "docs/page.md", page, page.replace(old, new)), "docs/page.md", expected
    )
    if kind is not None:
        assert kind in _kinds(item), item["signals"]
    if expected != BREAKING:
        assert not _kinds(item) & {
            "code_line_changed",
            "identifier_renamed",
            "table_column_removed",
        }


SERIALIZING = (
    "# Serialization\n\n## Serializing to arrays\n\n"
    "To convert a model and its loaded relationships to an array, use the `toArray`"
    " method:\n\n{first}\n\nTo convert only the model's attributes to an array, use the"
    " `attributesToArray` method:\n\n{second}\n\nBoth methods are recursive.\n"
)
SAMPLES = (
    ["$user = User::with('roles')->first();", "", "return $user->toArray();"],
    ["$user = User::first();", "", "return $user->attributesToArray();"],
)


def _indented(lines: list[str]) -> str:
    return "\n".join(f"    {line}" if line else "" for line in lines)


def _fenced(lines: list[str]) -> str:
    return "\n".join(["```php", *lines, "```"])


def test_a_sample_fenced_that_stood_indented_is_no_new_sample(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "new: a new sample"; formatting is minor. A page moves its code blocks
    from four spaces of indentation to fences: each sample was on the page already. Samples
    the page did not show are new."""
    before = SERIALIZING.format(first=_indented(SAMPLES[0]), second=_indented(SAMPLES[1]))
    fenced = SERIALIZING.format(first=_fenced(SAMPLES[0]), second=_fenced(SAMPLES[1]))
    path = "docs/serialization.md"
    expect(_edit(docs_repo, path, before, fenced), path, MINOR)
    json = (
        ["use App\\Models\\User;", "$user = User::find(1);", "$json = $user->toJson();"],
        ["$flags = JSON_PRETTY_PRINT;", "$json = $user->toJson($flags);", "return $json;"],
    )
    new = fenced + "\n" + "\n\n".join(_fenced(lines) for lines in json) + "\n"
    expect(_edit(docs_repo, path, fenced, new), path, NEW)


NAV_PAGE = (
    "# Writing your docs\n\nNavigation sub-sections are made by listing pages under a title."
    " For example:\n\n{sample}\n\nWith the above configuration there are three top level"
    " items.\n"
)
NAV_PLAIN = (
    "```no-highlight\nnav:\n    - Home: 'index.md'\n    - 'User Guide':\n"
    "        - 'Writing your docs': 'writing-your-docs.md'\n"
    "        - 'Styling your docs': 'styling-your-docs.md'\n    - About:\n"
    "        - 'License': 'license.md'\n        - 'Release Notes': 'release-notes.md'\n```"
)


def test_a_plain_sample_given_its_language_is_no_sample_removed(docs_repo: DocsRepo) -> None:
    """RUBRIC.md: "a code sample is removed" is breaking; formatting is minor. A sample shown
    plain (`no-highlight`) comes back as `yaml`, its quotes dropped: the same sample, given its
    language. A plain sample that goes with nothing in its place is removed."""
    path = "docs/writing.md"
    yaml = NAV_PLAIN.replace("no-highlight", "yaml").replace("'", "").replace("    ", "  ")
    before = NAV_PAGE.format(sample=NAV_PLAIN)
    expect(_edit(docs_repo, path, before, NAV_PAGE.format(sample=yaml)), path, MINOR)
    expect(_edit(docs_repo, path, before, NAV_PAGE.format(sample="")), path, BREAKING)
