"""The model provider against a real HTTP server on 127.0.0.1, not a mock of the client."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from pmdesk.draft import (
    ChatCompletionsModel,
    ConsentRequired,
    ModelConfig,
    Phase,
    draft_story,
    write_story,
)
from pmdesk.draft.prompt import SYSTEM_PROMPT
from pmdesk.errors import BadInput
from pmdesk.model import Review

Reply = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Server:
    url: str
    reply: Reply | None = None
    bodies: list[bytes] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            state.bodies.append(self.rfile.read(length))
            state.headers.append({k.lower(): v for k, v in self.headers.items()})
            assert state.reply is not None
            state.reply(self)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def send_json(status: int, payload: object) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return reply


def chat(content: str) -> Reply:
    return send_json(
        200, {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}
    )


def story(*paragraphs: tuple[str, list[tuple[str, list[str]]]]) -> str:
    return json.dumps(
        {
            "paragraphs": [
                {"phase": phase, "sentences": [{"text": t, "events": ids} for t, ids in sentences]}
                for phase, sentences in paragraphs
            ]
        }
    )


GOOD = story(
    (
        "lead_up",
        [
            ("At 13:58 Priya Raman deployed payments-api v2.3 to all regions.", ["e01"]),
            ("Checkout errors and payment latency alerts followed.", ["e02", "e03"]),
        ],
    ),
    (
        "detection",
        [
            (
                "Priya was paged at 14:09 and took the errors for the processor's usual blips.",
                ["e04"],
            )
        ],
    ),
    (
        "diagnosis",
        [
            ("Priya checked the processor status page, which showed no incident.", ["e05"]),
            ("Sam Okafor opened an incident channel.", ["e06"]),
            (
                "Error spikes lined up with the v2.3 rollout; Priya suspected the pool settings.",
                ["e07"],
            ),
            ("Lena Vogt marked checkout as degraded on the status page.", ["e08"]),
        ],
    ),
    (
        "mitigation",
        [
            (
                "At 14:31 Priya rolled back payments-api and restarted the checkout workers.",
                ["e09", "e10"],
            ),
            ("By 14:46 the error rate was back under 0.1%.", ["e11"]),
        ],
    ),
    ("recovery", [("Lena replayed the 212 failed payments.", ["e12"])]),
    ("follow_up", [("Lena marked the status page resolved.", ["e13"])]),
)


def model(server: Server, timeout: float = 5.0, key: str | None = None) -> ChatCompletionsModel:
    return ChatCompletionsModel(ModelConfig(server.url, "llama3.1:8b", key=key, timeout=timeout))


def test_success_uses_the_models_checked_draft(server: Server, incident: Review) -> None:
    server.reply = chat(GOOD)
    draft = draft_story(incident, provider=model(server, key="s3cret"), consent=True)
    assert draft.by_model
    assert [p.phase for p in draft.paragraphs] == list(Phase)
    rollback = draft.paragraphs[3].sentences[0]
    assert rollback.event_ids == ("e09", "e10")
    assert rollback.refs == ("C024BE91L/1709644860.000600", "C024BE91L/1709645280.000700")
    port = urlsplit(server.url).port
    assert draft.notes == (
        f"drafted by the model llama3.1:8b at 127.0.0.1:{port}; check it against the timeline",
    )
    assert server.headers[0]["authorization"] == "Bearer s3cret"


def test_the_preview_is_exactly_what_is_sent(server: Server, incident: Review) -> None:
    server.reply = chat(GOOD)
    provider = model(server, key="s3cret")
    preview = provider.preview_request(incident)
    draft_story(incident, provider=provider, consent=True)
    head, body = preview.split("\n\n", 1)
    assert head.startswith(f"POST {server.url}/chat/completions")
    assert "s3cret" not in preview
    assert server.bodies == [body.encode("utf-8")]


def test_what_is_sent_is_the_timeline_only(incident: Review) -> None:
    sent = ChatCompletionsModel(ModelConfig("http://127.0.0.1:9/v1", "m")).preview_request(incident)
    payload = json.loads(sent.split("\n\n", 1)[1])
    assert payload["messages"][0]["content"] == SYSTEM_PROMPT
    for private in (incident.factors[0].text, incident.actions[0].text, incident.summary):
        assert private is not None and private not in sent
    facts = payload["messages"][1]["content"]
    assert '"time": "14:31"' in facts and '"who": "Priya Raman"' in facts
    assert "Do not explain why it happened" in SYSTEM_PROMPT
    assert "Do not propose actions" in SYSTEM_PROMPT


def test_nothing_is_sent_without_consent(server: Server, incident: Review) -> None:
    server.reply = chat(GOOD)
    provider = model(server)
    with pytest.raises(ConsentRequired):
        draft_story(incident, provider=provider)
    with pytest.raises(ConsentRequired):
        provider.draft(incident, consent=False)
    assert server.bodies == []


def test_a_slow_server_falls_back_with_a_message(server: Server, incident: Review) -> None:
    def stall(handler: BaseHTTPRequestHandler) -> None:
        server.release.wait(10)

    server.reply = stall
    draft = draft_story(incident, provider=model(server, timeout=0.3), consent=True)
    assert not draft.by_model
    assert draft.paragraphs == write_story(incident).paragraphs
    assert draft.notes == ("the model server did not answer in 0.3 s; used the built-in drafter",)


def test_a_refused_connection_falls_back(incident: Review) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    provider = ChatCompletionsModel(ModelConfig(f"http://127.0.0.1:{port}/v1", "m", timeout=2))
    draft = draft_story(incident, provider=provider, consent=True)
    assert draft.notes == (
        f"the model server at 127.0.0.1:{port} refused the connection (is it running?); "
        "used the built-in drafter",
    )
    assert draft.text == write_story(incident).text


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (lambda h: _raw(h, 200, b"<html>nginx</html>"), "was not a chat-completions reply"),
        (send_json(200, {"choices": []}), "was not a chat-completions reply"),
        (send_json(200, {"choices": [{"message": {"content": "   "}}]}), "was empty"),
        (chat("Sure! Here is the story: it went fine."), "was not the JSON draft pmdesk asked for"),
        (chat('{"paragraphs": [{"phase": "epilogue", "sentences": []}]}'), "unknown phase"),
        (chat("[" * 100000), "was not the JSON draft"),
        (lambda h: _raw(h, 200, b'{"choices": [{"message": {"content": NaN}}]}'), "not a chat"),
        (send_json(500, {"error": "out of memory"}), "answered HTTP 500"),
        (send_json(404, {"error": "model not found"}), "(HTTP 404)"),
        (send_json(401, {"error": "bad key"}), "refused the key (HTTP 401)"),
        (lambda h: _raw(h, 302, b"", location="http://example.invalid/"), "redirected"),
        (
            lambda h: h.wfile.write(b'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{"cho'),
            "closed the connection",
        ),
    ],
)
def test_nonsense_answers_fall_back(
    server: Server, incident: Review, reply: Reply, reason: str
) -> None:
    server.reply = reply
    draft = draft_story(incident, provider=model(server), consent=True)
    assert not draft.by_model
    assert len(draft.notes) == 1 and reason in draft.notes[0]
    assert draft.notes[0].endswith("; used the built-in drafter")
    assert draft.text == write_story(incident).text


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            ("Priya restarted the checkout workers.", ["e99"]),
            "cited 'e99', which is not in this review",
        ),
        (("At 14:33 Priya restarted the checkout workers.", ["e10"]), "14:33 is not a time"),
        (("Then Morgan restarted the checkout workers.", ["e10"]), "'Morgan' is not a name"),
        (("Priya restarted the checkout workers.", []), "cites no event"),
        (("Then, 3 hours later, Priya restarted the checkout workers.", ["e10"]), "'3 hours'"),
        (
            ("Then the scheduler evicted every pod in the cluster.", ["e10"]),
            "says something its events do not",
        ),
    ],
)
def test_an_answer_that_invents_is_rejected(
    server: Server, incident: Review, change: tuple[str, list[str]], reason: str
) -> None:
    data = json.loads(GOOD)
    text, ids = change
    data["paragraphs"][3]["sentences"].append({"text": text, "events": ids})
    server.reply = chat(json.dumps(data))
    draft = draft_story(incident, provider=model(server), consent=True)
    assert not draft.by_model
    assert reason in draft.notes[0], draft.notes
    assert draft.text == write_story(incident).text


def test_a_draft_that_leaves_out_a_phase_is_rejected(server: Server, incident: Review) -> None:
    data = json.loads(GOOD)
    del data["paragraphs"][2]
    server.reply = chat(json.dumps(data))
    draft = draft_story(incident, provider=model(server), consent=True)
    assert draft.notes[0].startswith("the model's draft left out the diagnosis phase")


def test_why_and_action_sentences_are_stripped(server: Server, incident: Review) -> None:
    data = json.loads(GOOD)
    data["paragraphs"][2]["sentences"].append(
        {"text": "The root cause was the pool size in v2.3.", "events": ["e07"]}
    )
    data["paragraphs"][5]["sentences"].append(
        {"text": "Going forward we will add a canary for pool exhaustion.", "events": ["e13"]}
    )
    server.reply = chat("```json\n" + json.dumps(data) + "\n```")
    draft = draft_story(incident, provider=model(server), consent=True)
    assert draft.by_model
    assert "root cause" not in draft.text.lower() and "we will" not in draft.text.lower()
    assert len(draft.sentences) == sum(len(p["sentences"]) for p in json.loads(GOOD)["paragraphs"])
    assert draft.notes[0].startswith("left out 2 sentences of the model's draft that explained why")


def test_an_answer_of_only_why_is_rejected(server: Server, incident: Review) -> None:
    server.reply = chat(
        story(("diagnosis", [("It failed because the pool was too small.", ["e07"])]))
    )
    draft = draft_story(incident, provider=model(server), consent=True)
    assert not draft.by_model and "left out the" in draft.notes[0]


def test_config_from_the_environment() -> None:
    assert ModelConfig.from_env({}) is None
    config = ModelConfig.from_env(
        {
            "PMDESK_MODEL_URL": "http://localhost:11434/v1/",
            "PMDESK_MODEL": "llama3.1",
            "PMDESK_MODEL_KEY": "k",
        }
    )
    assert config is not None
    assert config.endpoint == "http://localhost:11434/v1/chat/completions"
    assert (config.model, config.key, config.timeout) == ("llama3.1", "k", 20.0)
    with pytest.raises(BadInput, match="PMDESK_MODEL is not"):
        ModelConfig.from_env({"PMDESK_MODEL_URL": "http://localhost:11434/v1"})
    assert ModelConfig("https://me:pw@llm.example.com/v1", "m").host == "llm.example.com"
    with pytest.raises(BadInput, match="must start with http"):
        ModelConfig("file:///etc/passwd", "m")


def _raw(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, location: str | None = None
) -> None:
    handler.send_response(status)
    if location:
        handler.send_header("Location", location)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def test_sentences_that_judge_people_are_stripped(server: Server, incident: Review) -> None:
    data = json.loads(GOOD)
    data["paragraphs"][3]["sentences"].insert(
        0, {"text": "Priya carelessly rolled back payments-api.", "events": ["e09"]}
    )
    server.reply = chat(json.dumps(data))
    draft = draft_story(incident, provider=model(server), consent=True)
    assert draft.by_model
    assert "carelessly" not in draft.text
    assert "judged people" in draft.notes[0]


def test_the_key_stays_out_of_reprs() -> None:
    config = ModelConfig("https://llm.example.com/v1", "m", key="s3cret")
    assert "s3cret" not in repr(config)
