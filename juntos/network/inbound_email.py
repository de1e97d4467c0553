"""Reading an answer that came by email: who it is for, whether a machine sent it, and the words
the member wrote, without the notice she quoted or her signature.

Pure functions over `email.message.EmailMessage` (parsed with `email.policy.default`); the
command `receive_reply` reads the message and the service posts it.
"""

from __future__ import annotations

import re
from email.message import EmailMessage, Message
from email.utils import getaddresses
from html.parser import HTMLParser

from juntos.network.reply_tokens import token_in_address

# Where the recipient can be: the header the member's client wrote, and the ones the mail
# server adds on delivery (Postfix's pipe `D` flag, and `X-Original-To` from local delivery).
RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "To", "Cc")
BULK_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}

# The line a client writes above what it quotes, in English, Spanish and French. Clients wrap
# it, so it is looked for over up to three joined lines.
_ATTRIBUTION = re.compile(
    r"^(On\s.*\swrote|El\s.*\sescribió|Le\s.*\sa\s+écrit)\s?:\s*$", re.IGNORECASE | re.DOTALL
)
# Outlook and others quote without ">", under a rule or an "Original message" line.
_QUOTE_RULES = re.compile(
    r"^(-{2,}\s*(Original Message|Mensaje original|Message d'origine)\s*-{2,}|_{20,})\s*$",
    re.IGNORECASE,
)


def is_automatic(message: Message) -> bool:
    """An auto-reply, a bounce or a list's mail (RFC 3834): answering it would loop."""
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    if auto.split(";")[0].strip() != "no":
        return True
    if str(message.get("Precedence", "")).strip().lower() in BULK_PRECEDENCE:
        return True
    return message.get_content_type() == "multipart/report"


def answer_token(message: Message) -> str | None:
    """The token of the first reply+<token>@JUNTOS_REPLY_DOMAIN address it was sent to."""
    for header in RECIPIENT_HEADERS:
        values = [str(value) for value in message.get_all(header, [])]
        for _name, address in getaddresses(values):
            token = token_in_address(address)
            if token:
                return token
    return None


def message_key(message: Message) -> str:
    """What makes a delivery the same message again: its Message-ID."""
    return str(message.get("Message-ID", "")).strip()


def answer_text(message: EmailMessage) -> str | None:
    """The member's own words: the plain text part (else the HTML one as text), unquoted."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return None
    text = _decoded(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    elif str(part.get_param("format", "")).lower() == "flowed":
        text = unflow(text, delete_space=str(part.get_param("delsp", "")).lower() == "yes")
    return strip_quoted(text)


def _decoded(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, UnicodeError):  # an unknown or lying charset
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return str(content).replace("\r\n", "\n").replace("\r", "\n")


def unflow(text: str, *, delete_space: bool = False) -> str:
    """Join the soft line breaks of format=flowed text (RFC 3676); quoted lines stay apart."""
    lines: list[str] = []
    soft = False
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if soft and lines and not line.startswith(">"):
            lines[-1] += line
        else:
            lines.append(line)
        soft = line.endswith(" ") and line != "-- "
        if soft and delete_space:
            lines[-1] = lines[-1][:-1]
    return "\n".join(lines)


def strip_quoted(text: str) -> str:
    """Drop quoted lines, the quoted message under its attribution line, and the signature."""
    lines = text.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line.rstrip() in ("--", "-- ") or _QUOTE_RULES.match(line.strip()):
            break
        if _starts_attribution(lines, index):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _starts_attribution(lines: list[str], index: int) -> bool:
    first = lines[index].strip()
    if not re.match(r"^(On|El|Le)\s", first, re.IGNORECASE):
        return False
    for count in (1, 2, 3):
        joined = " ".join(line.strip() for line in lines[index : index + count])
        if _ATTRIBUTION.match(joined):
            return True
    return False


class _TextOfHtml(HTMLParser):
    """HTML as the plain text a reader sees: blocks on their own lines, quotes left out."""

    BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    SKIPPED = frozenset({"blockquote", "script", "style", "head", "title"})
    VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # each open element, and whether it is skipped

    @property
    def skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            if tag == "br" and not self.skipping:
                self.parts.append("\n")
            return
        # Gmail, Outlook and Thunderbird put what they quote in a div or blockquote of a
        # "...quote..." class (gmail_quote, moz-cite-prefix aside, divRplyFwdMsg is Outlook's).
        classes = (dict(attrs).get("class") or "") + (dict(attrs).get("id") or "")
        quoted = "quote" in classes.lower() or "rplyfwd" in classes.lower()
        self.open.append((tag, tag in self.SKIPPED or quoted))
        if tag in self.BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not any(name == tag for name, _skipped in self.open):
            return
        while self.open and self.open.pop()[0] != tag:
            pass
        if tag in self.BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The text of an HTML email body, one line per block, without its blockquotes."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
