"""The optional model provider: any server that speaks OpenAI-style chat completions.

Off by default. A local Ollama or llama.cpp server, or a company endpoint, is
named by URL, model and key (or ``PMDESK_MODEL_URL``, ``PMDESK_MODEL``,
``PMDESK_MODEL_KEY``). Nothing leaves the machine until the user has seen
``preview_request`` and agreed: sending without ``consent=True`` raises. Only the
standard library speaks HTTP here, always with a timeout.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlsplit

from pmdesk.draft.answer import ModelFailed, parse_answer
from pmdesk.draft.prompt import chat_payload
from pmdesk.draft.result import Draft
from pmdesk.errors import BadInput, UserError
from pmdesk.model import Review

ENV_URL = "PMDESK_MODEL_URL"
ENV_MODEL = "PMDESK_MODEL"
ENV_KEY = "PMDESK_MODEL_KEY"
DEFAULT_TIMEOUT = 20.0
MAX_ANSWER_BYTES = 4 * 1024 * 1024


class ConsentRequired(UserError):
    """Sending was attempted before the user agreed to what will be sent."""


class StoryModel(Protocol):
    """What ``draft_story`` needs from a model: show the request, and send it when allowed."""

    @property
    def label(self) -> str:
        """Which server and model, for messages ('llama3.1 at localhost:11434')."""
        ...

    def preview_request(self, review: Review) -> str:
        """Exactly what would be sent for this review, for the user to read before agreeing."""
        ...

    def draft(self, review: Review, *, consent: bool) -> Draft:
        """The model's checked draft; raises ModelFailed, or ConsentRequired without consent."""
        ...


@dataclass(frozen=True, slots=True)
class ModelConfig:
    """Where the model server is. ``url`` is the base URL, e.g. http://localhost:11434/v1."""

    url: str
    model: str
    key: str | None = field(default=None, repr=False)  # never in logs or tracebacks
    timeout: float = DEFAULT_TIMEOUT
    json_mode: bool = True

    def __post_init__(self) -> None:
        """Refuse a config that cannot work, in one sentence, before anything is sent."""
        parts = urlsplit(self.url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BadInput(
                f"the model server URL {self.url!r:.80} must start with http:// or https://"
            )
        if not self.model.strip():
            raise BadInput("no model name is set for the model server")
        if not self.timeout > 0:
            raise BadInput("the model server timeout must be a positive number of seconds")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ModelConfig | None:
        """The configuration from the PMDESK_MODEL_* variables, or None when the URL is unset."""
        env = os.environ if environ is None else environ
        url = env.get(ENV_URL, "").strip()
        if not url:
            return None
        model = env.get(ENV_MODEL, "").strip()
        if not model:
            raise BadInput(f"{ENV_URL} is set but {ENV_MODEL} is not; name the model to use")
        return cls(url=url, model=model, key=env.get(ENV_KEY) or None)

    @property
    def endpoint(self) -> str:
        """The chat-completions URL, whether the base URL or the full one was given."""
        base = self.url.strip().rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"

    @property
    def host(self) -> str:
        """host:port for messages; never any user:password@ written into the URL."""
        parts = urlsplit(self.endpoint)
        return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


class ChatCompletionsModel:
    """A StoryModel over the OpenAI-compatible ``POST /chat/completions`` protocol."""

    def __init__(self, config: ModelConfig) -> None:
        self.config = config

    @property
    def label(self) -> str:
        return f"{self.config.model} at {self.config.host}"

    def request_body(self, review: Review) -> bytes:
        """The exact bytes sent, also what preview_request shows the user."""
        payload = chat_payload(review, self.config.model, json_mode=self.config.json_mode)
        return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")

    def preview_request(self, review: Review) -> str:
        """The request line, headers (key masked) and the exact body that would be sent."""
        lines = [f"POST {self.config.endpoint}", "Content-Type: application/json"]
        if self.config.key:
            lines.append("Authorization: Bearer •••• (your PMDESK_MODEL_KEY)")
        return "\n".join(lines) + "\n\n" + self.request_body(review).decode("utf-8")

    def draft(self, review: Review, *, consent: bool) -> Draft:
        """Send only with consent, then check the answer like any draft."""
        if consent is not True:
            raise ConsentRequired(
                "pmdesk sends nothing to a model server until you have seen the request and agreed"
            )
        answer = self._post(self.request_body(review))
        draft = parse_answer(_content(answer), review)
        return draft.with_notes(f"drafted by the model {self.label}; check it against the timeline")

    def _post(self, body: bytes) -> bytes:
        """POST the request; every failure becomes one ModelFailed phrase for the user."""
        config = self.config
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "User-Agent": "pmdesk",
        }
        if config.key:
            headers["Authorization"] = f"Bearer {config.key}"
        request = urllib.request.Request(config.endpoint, data=body, headers=headers, method="POST")
        opener = _opener(config.endpoint)
        deadline = time.monotonic() + config.timeout
        waited = f"the model server did not answer in {config.timeout:g} s"
        try:
            with opener.open(request, timeout=config.timeout) as response:
                return _read(response, deadline, waited)
        except urllib.error.HTTPError as exc:
            raise ModelFailed(_http_status(exc.code, config)) from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise ModelFailed(waited) from exc
            if isinstance(reason, ConnectionRefusedError):
                raise ModelFailed(
                    f"the model server at {config.host} refused the connection (is it running?)"
                ) from exc
            raise ModelFailed(
                f"could not reach the model server at {config.host}: {reason}"
            ) from exc
        except TimeoutError as exc:
            raise ModelFailed(waited) from exc
        except (http.client.HTTPException, ConnectionError) as exc:
            raise ModelFailed(
                f"the model server at {config.host} closed the connection without a full answer"
            ) from exc
        except OSError as exc:
            raise ModelFailed(f"could not reach the model server at {config.host}: {exc}") from exc


def _read(response: http.client.HTTPResponse, deadline: float, waited: str) -> bytes:
    """Read the answer within the deadline and size limit, so a trickling server cannot hang us."""
    # The socket timeout bounds each read; the deadline bounds a server that trickles bytes.
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise ModelFailed(waited)
        chunk = response.read(64 * 1024)
        if not chunk:
            if response.length:  # fewer bytes than Content-Length promised
                raise http.client.IncompleteRead(b"".join(chunks), response.length)
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise ModelFailed("the model server's answer was far too large")
        chunks.append(chunk)


def _content(answer: bytes) -> str:
    """The assistant message text of a chat-completions answer."""
    try:
        data = json.loads(answer, parse_constant=_reject)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, RecursionError, KeyError, IndexError, TypeError) as exc:
        raise ModelFailed("the model server's answer was not a chat-completions reply") from exc
    if not isinstance(content, str) or not content.strip():
        raise ModelFailed("the model server's answer was empty")
    return content


def _reject(name: str) -> None:
    """NaN and Infinity are not JSON; an answer holding them is refused."""
    raise ValueError(f"{name} is not allowed")


def _http_status(code: int, config: ModelConfig) -> str:
    """One phrase for an HTTP error status, naming the likely fix."""
    if code in (401, 403):
        return f"the model server at {config.host} refused the key (HTTP {code})"
    if code == 404:
        return (
            f"the model server has no chat-completions endpoint or no model {config.model!r} "
            f"at {config.endpoint} (HTTP 404)"
        )
    if code in (301, 302, 303, 307, 308):
        return f"the model server redirected the request (HTTP {code}); set its final address"
    return f"the model server at {config.host} answered HTTP {code}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would send the review somewhere the user did not agree to."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener(endpoint: str) -> urllib.request.OpenerDirector:
    """An opener that never follows redirects and skips the proxy for a local server."""
    host = urlsplit(endpoint).hostname or ""
    # A local server is reached directly even when a proxy is configured for the internet.
    proxies = urllib.request.ProxyHandler({} if _is_loopback(host) else None)
    return urllib.request.build_opener(proxies, _NoRedirect())


def _is_loopback(host: str) -> bool:
    """Whether a host is this machine: localhost or a loopback address."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
