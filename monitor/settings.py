"""Load and validate the configuration TOML.

Errors name the file, the key path and the fix. Secrets are written as ``${ENV_VAR}`` and filled in
from the environment before validation.

Types are strict (pydantic strict mode): ``"yes"`` is not a boolean and ``true`` is not a number.
Every duration and size has a range (the README's Configuration section states them): a value
outside it is refused at load time, before it can overflow a timer or a date far downstream.
Feed and webhook URLs are parsed at load time (scheme, host, port).
"""

from __future__ import annotations

import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from monitor.errors import ConfigError as ConfigError  # read with the settings
from monitor.judge.defaults import (
    DEFAULT_MATCH_THRESHOLD,
    DEFAULT_REVIEW_THRESHOLD,
    DEFAULT_SEMANTIC_GATE,
)
from monitor.model import Claim, FeedConfig, RulePolicy
from monitor.redact import redact, redact_url

DEFAULT_CONFIG = "config/monitor.toml"
CONFIG_ENV = "RUMOUR_MONITOR_CONFIG"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_CLAIM_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


_DURATION_HINT = 'a duration is a number of seconds or a string like "30s", "15m", "2h"'


def _duration(value: Any) -> Any:
    """Accept seconds as a number or a string like "90s", "15m", "2h", "1d" (not a boolean)."""
    if isinstance(value, bool):
        raise ValueError(f"{_DURATION_HINT}, not {str(value).lower()}")
    if isinstance(value, str):
        m = _DURATION.match(value)
        if not m:
            raise ValueError(_DURATION_HINT)
        return float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    if isinstance(value, int):
        return float(value)  # strict mode takes a float for a float; TOML's 15 is an int
    return value


def _seconds_text(seconds: float) -> str:
    """900 -> "15m", 0.1 -> "0.1s": how the README writes a bound."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g}{unit}"
    return f"{seconds:g}s"


def _within(low: float, high: float, *, low_open: bool = False) -> AfterValidator:
    """A duration's range check, saying the range in the units a user writes."""

    def check(v: float) -> float:
        low_ok = v > low if low_open else v >= low
        if math.isnan(v) or not low_ok or v > high:
            lower = f"more than {_seconds_text(low)}" if low_open else f"at least {_seconds_text(low)}"
            raise ValueError(
                f"must be {lower} and at most {_seconds_text(high)} (got {v:g} seconds)"
            )
        return v

    return AfterValidator(check)


# Durations by use; each range is in the README's Configuration section. The upper bounds keep
# every timer and date the service computes far from overflow (1e20 s broke the scheduler).
HOUR, DAY = 3600.0, 86400.0
# Network and parse deadlines, the webhook timeout, the shutdown grace: (0, 1h].
Timeout = Annotated[float, BeforeValidator(_duration), _within(0, HOUR, low_open=True)]
# Polling intervals: [1s, 30d].
Interval = Annotated[float, BeforeValidator(_duration), _within(1, 30 * DAY)]
# The daemon's checks (poll_check, heartbeat, reload_check, deliver_every): [0.1s, 1h].
Tick = Annotated[float, BeforeValidator(_duration), _within(0.1, HOUR)]
# A feed lease: [1s, 1d]; a dedup window: [1m, 365d]; maintenance: [1m, 7d]; a retry delay: [0, 7d].
Lease = Annotated[float, BeforeValidator(_duration), _within(1, DAY)]
Window = Annotated[float, BeforeValidator(_duration), _within(60, 365 * DAY)]
Maintenance = Annotated[float, BeforeValidator(_duration), _within(60, 7 * DAY)]
RetryDelay = Annotated[float, BeforeValidator(_duration), _within(0, 7 * DAY)]

MIB = 1024 * 1024


class _Section(BaseModel):
    # strict: no "yes" for true, no true for 1 (TOML has real booleans and numbers).
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)


def _check_http_url(url: str) -> str:
    """An absolute http(s) URL that parses (WHATWG rules, as pydantic-core's URL type does): a
    valid host name or address, a port in 1-65535, no spaces. The URL is kept as written."""
    shown = redact_url(url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{shown!r} must be an absolute http:// or https:// URL with a host")
    if any(c.isspace() for c in url):
        raise ValueError(f"{shown!r} contains a space or line break; percent-encode it (%20) or remove it")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None and not 1 <= port <= 65535:
        raise ValueError(f"{shown!r} has an invalid port; a port is a number from 1 to 65535")
    try:
        _HTTP_URL.validate_python(url, strict=False)
    except ValidationError as e:
        why = e.errors()[0]["msg"].removeprefix("Input should be a valid URL, ")
        raise ValueError(f"{shown!r} is not a valid URL: {why}") from None
    return url


class DatabaseSettings(_Section):
    url: str = "sqlite:///data/monitor.db"


class NetworkSettings(_Section):
    allow_private: bool = False
    connect_timeout: Timeout = 10.0
    read_timeout: Timeout = 20.0
    total_timeout: Timeout = 30.0
    max_body_bytes: int = Field(default=10 * MIB, ge=1024, le=256 * MIB)
    max_redirects: int = Field(default=5, ge=0, le=20)
    per_host_connections: int = Field(default=2, ge=1, le=16)
    # Bodies over 1 MiB held at a time (from download to parse): bounds the memory many big
    # feeds take in one cycle (ingest/fetch.BodyGate).
    large_bodies: int = Field(default=4, ge=1, le=64)
    max_connections: int = Field(default=64, ge=1, le=1024)
    user_agent: str = ""  # empty: the built-in descriptive User-Agent
    # Host -> IP address, used instead of DNS for that host (as curl's --resolve): split-horizon
    # DNS, a newsroom behind a fixed address, tests. The address rules still apply.
    resolve: dict[str, str] = Field(default_factory=dict)

    @field_validator("resolve")
    @classmethod
    def _addresses(cls, v: dict[str, str]) -> dict[str, str]:
        import ipaddress

        for host, addr in v.items():
            try:
                ipaddress.ip_address(addr)
            except ValueError:
                raise ValueError(f"{host!r} = {addr!r}: the value must be an IP address") from None
        return {host.strip().lower().rstrip("."): addr for host, addr in v.items()}


class PollingSettings(_Section):
    interval: Interval = 900.0
    min_interval: Interval = 300.0
    max_interval: Interval = 86400.0
    jitter: float = Field(default=0.1, ge=0, le=0.5)
    failing_after: int = Field(default=5, ge=1, le=1000)
    parse_timeout: Timeout = 20.0
    parse_memory_mb: int = Field(default=512, ge=64, le=65536)
    parse_workers: int = Field(default=0, ge=0, le=64)  # 0: one per core
    dedup_window: Window = 3 * 86400.0
    # New items taken from one feed per poll; more wait for the next polls (ingest/parse.Capped).
    max_items: int = Field(default=1000, ge=10, le=100_000)
    # Feeds that can decide an open claim (an official source of it, or a trusted outlet's feed)
    # are polled this often while the claim is unverified or disputed (ingest/decisive.py);
    # false: every feed follows its normal interval.
    decisive: bool = True
    decisive_interval: Interval = 120.0
    # A feed's <ttl> or Cache-Control max-age longer than decisive_interval is honoured unless
    # this is true (the publisher asked for fewer polls; only override for your own newsroom).
    decisive_overrides_ttl: bool = False

    @model_validator(mode="after")
    def _bounds(self) -> PollingSettings:
        if self.min_interval > self.max_interval:
            raise ValueError("min_interval must not exceed max_interval")
        return self


class SourcesSettings(_Section):
    trusted: list[str] = Field(default_factory=list)


class MatchingSettings(_Section):
    match_threshold: float = Field(default=DEFAULT_MATCH_THRESHOLD, ge=0, le=100)
    review_threshold: float = Field(default=DEFAULT_REVIEW_THRESHOLD, ge=0, le=100)
    # Semantic matching (monitor/judge/semantic.py): a multilingual sentence model reads the
    # headlines worth reading; off: words alone (the lexical matcher).
    semantic: bool = True
    # The lexical score at which the sentence model reads a headline (0: every one with a
    # candidate; higher: fewer, faster). Headlines in a language no claim is in are always read.
    semantic_gate: float = Field(default=DEFAULT_SEMANTIC_GATE, ge=0, le=100)
    # With semantic on: English headlines are read by a stronger English sentence model against
    # the claims written in English (more accurate, about 3 ms of CPU per headline instead of 1).
    english_model: bool = True

    @model_validator(mode="after")
    def _order(self) -> MatchingSettings:
        if self.review_threshold > self.match_threshold:
            raise ValueError("review_threshold must not exceed match_threshold")
        return self


class RulesSettings(_Section):
    official_needed: int = Field(default=1, ge=1, le=100)
    trusted_needed: int = Field(default=2, ge=1, le=100)


class LoggingSettings(_Section):
    status_log: str = "data/status-changes.jsonl"
    level: Literal["debug", "info", "warning", "error"] = "info"
    format: Literal["auto", "json", "console"] = "auto"


class RetentionSettings(_Section):
    items_days: int = Field(default=180, ge=1, le=36500)


class DaemonSettings(_Section):
    poll_check: Tick = 5.0  # how often the daemon looks for due feeds
    poll_batch: int = Field(default=50, ge=1, le=10000)  # feeds leased at a time
    grace_period: Timeout = 20.0
    heartbeat: Tick = 15.0
    reload_check: Tick = 5.0
    deliver_every: Tick = 2.0
    maintenance_every: Maintenance = 3600.0
    lease: Lease = 300.0  # must outlast one batch's fetches; a dead worker's feeds wait this long


def parse_listen(value: str) -> tuple[str, int]:
    """``"host:port"`` (``"[::1]:8787"`` for IPv6) as (host, port); ValueError says the form."""
    host, sep, port = value.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f'{value!r}: write the address as "host:port", e.g. "127.0.0.1:8787"')
    return host, int(port)


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen_problem(listen: str, token: str) -> str | None:
    """Why the web server must not listen on ``listen`` (None: it may). Beyond the loopback
    interface anyone on the network could read the page, so a token is required there."""
    host, _ = parse_listen(listen)
    if is_loopback(host) or token:
        return None
    return (
        f"{listen} is not a loopback address: set [http] token (e.g. token = \"${{MONITOR_TOKEN}}\") "
        "to serve beyond this machine, or listen on 127.0.0.1"
    )


class HttpSettings(_Section):
    # Needed for every write (review, statuses, redelivery) and to listen beyond loopback.
    # (Before `listen`: its check reads it.)
    token: str = ""
    # "host:port" of the web page, API and metrics in the daemon; empty: no web server.
    listen: str = ""
    # Largest request body accepted (forms); larger ones get 413.
    max_body_bytes: int = Field(default=64 * 1024, ge=1024, le=16 * 1024 * 1024)
    # The address at which WebSub hubs reach this web server (e.g. "https://monitor.example.org/"
    # behind a proxy); empty: no WebSub subscriptions, feeds are only polled.
    public_url: str = ""

    @field_validator("token")
    @classmethod
    def _token(cls, v: str) -> str:
        if v and len(v) < 16:
            raise ValueError("the token needs at least 16 characters (e.g. `openssl rand -hex 24`)")
        return v

    @field_validator("listen")
    @classmethod
    def _listen(cls, v: str, info: ValidationInfo) -> str:
        if v:
            problem = listen_problem(v, info.data.get("token", ""))
            if problem:
                raise ValueError(problem)
        return v

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, v: str, info: ValidationInfo) -> str:
        if v:
            _check_http_url(v)
            if not info.data.get("listen"):
                raise ValueError(
                    "public_url needs [http] listen: hubs reach the daemon's web server at it "
                    '(set listen = "127.0.0.1:8080" and make public_url lead there)'
                )
        return v


class FeedSettings(_Section):
    url: str
    source: str | None = None
    # A news-search feed whose items come from many publishers: only then is an item's own
    # <source> or link believed about who published it. None: Google News and Bing News feeds
    # are recognised by their URL.
    aggregator: bool | None = None
    interval: Interval | None = None
    min_interval: Interval | None = None
    max_interval: Interval | None = None

    _url = field_validator("url")(lambda cls, v: _check_http_url(v))


class ClaimSettings(_Section):
    id: str
    text: str = Field(min_length=3)
    aliases: list[str] = Field(default_factory=list)
    require: list[list[str]] = Field(default_factory=list)
    official_sources: list[str] = Field(default_factory=list)
    match_threshold: float | None = Field(default=None, ge=0, le=100)
    review_threshold: float | None = Field(default=None, ge=0, le=100)
    official_needed: int | None = Field(default=None, ge=1, le=100)
    trusted_needed: int | None = Field(default=None, ge=1, le=100)

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not _CLAIM_ID.match(v):
            raise ValueError(
                "a claim id is a lowercase slug: letters, digits, '-', '_' or '.', e.g. \"xiaomi-baic\""
            )
        return v

    @field_validator("require", mode="before")
    @classmethod
    def _groups(cls, v: Any) -> Any:
        # Allow a flat list of strings as shorthand: each string is a group of one.
        if isinstance(v, list):
            return [[g] if isinstance(g, str) else g for g in v]
        return v

    def to_claim(self) -> Claim:
        return Claim(
            id=self.id,
            text=self.text,
            aliases=tuple(self.aliases),
            require=tuple(tuple(g) for g in self.require),
            official_sources=tuple(s.lower() for s in self.official_sources),
            match_threshold=self.match_threshold,
            review_threshold=self.review_threshold,
        )


WebhookEvent = Literal["claim.status_changed", "webhook.test"]
WEBHOOK_EVENTS: tuple[WebhookEvent, ...] = ("claim.status_changed", "webhook.test")


class _AlertFilters(_Section):
    """What webhooks and notification channels share: which changes they get, and the retries."""

    events: list[WebhookEvent] = Field(default_factory=lambda: list(WEBHOOK_EVENTS))
    claims: list[str] = Field(default_factory=list)  # empty: all claims
    statuses: list[Literal["unverified", "confirmed", "denied", "disputed"]] = Field(
        default_factory=list
    )
    # Delays before attempt 1, 2, ...; after the last attempt fails the delivery is dead.
    # None: the Standard Webhooks schedule (immediately, 5s, 5m, 30m, 2h, 5h, 10h, 14h, 20h, 24h).
    retry_schedule: list[RetryDelay] | None = Field(default=None, min_length=1, max_length=50)


class WebhookSettings(_AlertFilters):
    url: str
    secret: str
    timeout: Timeout = 15.0

    _url = field_validator("url")(lambda cls, v: _check_http_url(v))

    @field_validator("secret")
    @classmethod
    def _secret(cls, v: str) -> str:
        from monitor.alerts.signing import check_secret

        check_secret(v)
        return v


class NotifySettings(_AlertFilters):
    """A notification channel: any Apprise URL (Slack, Teams, Discord, Telegram, Matrix, e-mail,
    ntfy, ...), with the webhooks' filters; sent through the same outbox."""

    url: str
    timeout: Timeout = 30.0

    @field_validator("url")
    @classmethod
    def _apprise_url(cls, v: str) -> str:
        import apprise

        # The URL holds secrets: the message never repeats it.
        if apprise.Apprise.instantiate(v, suppress_exceptions=True) is None:
            raise ValueError(
                "not a notification URL Apprise knows (e.g. slack://..., ntfy://host/topic, "
                "mailto://..., json://host/path); see the Apprise wiki for each service's form"
            )
        return v


AlertEndpoint = WebhookSettings | NotifySettings


class Settings(_Section):
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    network: NetworkSettings = Field(default_factory=NetworkSettings)
    polling: PollingSettings = Field(default_factory=PollingSettings)
    sources: SourcesSettings = Field(default_factory=SourcesSettings)
    matching: MatchingSettings = Field(default_factory=MatchingSettings)
    rules: RulesSettings = Field(default_factory=RulesSettings)
    logging: LoggingSettings = Field(default_factory=LoggingSettings)
    retention: RetentionSettings = Field(default_factory=RetentionSettings)
    daemon: DaemonSettings = Field(default_factory=DaemonSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    feeds: list[FeedSettings] = Field(default_factory=list)
    claims: list[ClaimSettings] = Field(default_factory=list)
    webhooks: list[WebhookSettings] = Field(default_factory=list)
    notify: list[NotifySettings] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Settings:
        seen: set[str] = set()
        for c in self.claims:
            if c.id in seen:
                raise ValueError(f"duplicate claim id {c.id!r}: every claim needs its own id")
            seen.add(c.id)
        urls: set[str] = set()
        for f in self.feeds:
            if f.url in urls:
                raise ValueError(f"duplicate feed url {f.url!r}: list each feed once")
            urls.add(f.url)
        known = {c.id for c in self.claims}
        sections: tuple[tuple[str, list[AlertEndpoint]], ...] = (
            ("webhooks", [*self.webhooks]), ("notify", [*self.notify])
        )
        for section, endpoints in sections:
            for i, w in enumerate(endpoints):
                for cid in w.claims:
                    if cid not in known:
                        raise ValueError(
                            f"{section}[{i}].claims: unknown claim id {cid!r}; "
                            "use the id of a [[claims]] entry"
                        )
        return self


@dataclass(frozen=True)
class LoadedSettings:
    """Validated settings plus where they came from (paths resolve against the file's folder)."""

    settings: Settings
    path: Path

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def database_url(self) -> str:
        return resolve_database_url(self.settings.database.url, self.base_dir)

    @property
    def status_log_path(self) -> Path:
        p = Path(self.settings.logging.status_log)
        return p if p.is_absolute() else self.base_dir / p

    def claims(self) -> list[Claim]:
        return [c.to_claim() for c in self.settings.claims]

    def alert_endpoints(self) -> list[AlertEndpoint]:
        """Where status changes go: the webhooks, then the notification channels."""
        return [*self.settings.webhooks, *self.settings.notify]

    def feed_configs(self) -> list[FeedConfig]:
        from monitor.judge.outlet import is_aggregator

        return [
            FeedConfig(
                f.url, f.source, f.interval, f.min_interval, f.max_interval,
                aggregator=is_aggregator(f.url) if f.aggregator is None else f.aggregator,
            )
            for f in self.settings.feeds
        ]

    def rule_policy(self, claim_id: str) -> RulePolicy:
        base = self.settings.rules
        for c in self.settings.claims:
            if c.id == claim_id:
                return RulePolicy(
                    official_needed=c.official_needed or base.official_needed,
                    trusted_needed=c.trusted_needed or base.trusted_needed,
                )
        return RulePolicy(base.official_needed, base.trusted_needed)


def resolve_database_url(url: str, base_dir: Path) -> str:
    """Make a relative sqlite path absolute against the config folder."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith("sqlite:////"):
        rest = url[len(prefix) :]
        if rest and rest != ":memory:" and not rest.startswith("file:"):
            return prefix + str((base_dir / rest).resolve())
    return url


def config_path(explicit: str | None = None) -> Path:
    return Path(explicit or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG)


def _interpolate(value: Any, key: str, problems: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in os.environ:
                problems.append(
                    (key, f"environment variable {name} is not set; export it or put the value here")
                )
                return ""
            return os.environ[name]

        return _ENV_REF.sub(sub, value)
    if isinstance(value, dict):
        return {k: _interpolate(v, f"{key}.{k}" if key else k, problems) for k, v in value.items()}
    if isinstance(value, list):
        return [_interpolate(v, f"{key}[{i}]", problems) for i, v in enumerate(value)]
    return value


def _key_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# Keys whose value is never repeated in an error, even when it is wrong.
_SECRET_KEYS = frozenset({"secret", "password", "token"})


def _shown_input(loc: tuple[int | str, ...], value: Any) -> str:
    """The wrong value as an error quotes it: never a secret, never a whole table's contents."""
    if loc and str(loc[-1]) in _SECRET_KEYS:
        return "(value not shown: it is a secret)"
    if isinstance(value, dict):
        return "(got a table)"
    if isinstance(value, list):
        return "(got an array)"
    return f"(got {redact(value)!r})"


def _fix_hint(err: Any) -> str:
    kind = err["type"]
    msg = err["msg"]
    if kind == "extra_forbidden":
        return "unknown key; check its spelling against the README's configuration section, or remove it"
    if kind == "missing":
        return "required key is missing; add it"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind in ("bool_type", "string_type", "int_type", "float_type", "list_type", "dict_type"):
        msg += {
            "bool_type": " (true or false, without quotes)",
            "int_type": " (a whole number, without quotes)",
            "float_type": " (a number, without quotes)",
            "string_type": " (text in quotes)",
        }.get(kind, "")
    if kind == "value_error":
        return msg
    return f"{msg} {_shown_input(tuple(err['loc']), err.get('input'))}"


def parse_settings(data: dict[str, Any], path: Path | str) -> Settings:
    problems: list[tuple[str, str]] = []
    data = _interpolate(data, "", problems)
    if problems:
        raise ConfigError(path, problems)
    try:
        return Settings.model_validate(data)
    except ValidationError as e:
        raise ConfigError(
            path, [(_key_path(tuple(err["loc"])), _fix_hint(err)) for err in e.errors()]
        ) from None


def _read_config(path: Path) -> dict[str, Any]:
    """The file's TOML tables; a ConfigError when the file as a whole cannot be one."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            # /dev/null would read as an empty configuration (and put the database under /dev);
            # a FIFO would block the read for ever.
            kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file (a device, pipe or socket)"
            raise ConfigError(
                path,
                [("", f"is {kind}; pass --config PATH of the TOML configuration file "
                      "(e.g. config/monitor.toml) or set RUMOUR_MONITOR_CONFIG")],
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            path, [("", "file not found; pass --config PATH or set RUMOUR_MONITOR_CONFIG")]
        ) from None
    except OSError as e:
        raise ConfigError(path, [("", f"cannot read: {e.strerror}")]) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(path, [("", "not UTF-8 text; save the file as UTF-8")]) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(path, [("", f"not valid TOML: {e}")]) from None


def load_settings(path: Path | str) -> LoadedSettings:
    path = Path(path)
    return LoadedSettings(parse_settings(_read_config(path), path), path.resolve())


def _in_database_section(key: str) -> bool:
    return key == "database" or key.startswith(("database.", "database["))


def load_readable_settings(path: Path | str) -> tuple[LoadedSettings, ConfigError | None]:
    """For commands that only read the database: the settings, or, when the file has errors
    outside ``[database]``, the sections that are valid on their own (the others at their
    defaults) with the error, for the command to show as a warning.

    Raises the ConfigError when the file as a whole cannot be read as a configuration (missing,
    not a regular file, unreadable, not TOML) or ``[database]`` itself is wrong: then there is no
    database to read.
    """
    path = Path(path)
    data = _read_config(path)
    try:
        return LoadedSettings(parse_settings(data, path), path.resolve()), None
    except ConfigError as error:
        if any(_in_database_section(key) for key, _ in error.problems):
            raise
        kept: dict[str, Any] = {}
        for name, value in data.items():
            try:
                parse_settings(kept | {name: value}, path)
            except ConfigError:
                continue  # this section (or how it refers to others) is where the errors are
            kept[name] = value
        if "database" in data and "database" not in kept:
            raise
        return LoadedSettings(parse_settings(kept, path), path.resolve()), error
