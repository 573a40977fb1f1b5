"""Every URL pattern of the project, read from the URLconf (django.urls resolvers), so the tests
built on it cover a new page without anyone listing it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# <int:case_id>, <path:object_id>, <id> in a route; (?P<name>...) in a regex.
_ROUTE_PARAM = re.compile(r"(?<!\?P)<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Pattern:
    route: str  # the whole route, e.g. "cases/<int:case_id>/", or a regex's text
    name: str  # "namespace:name" (or the route, for an unnamed one)
    module: str  # where its view lives, e.g. "victimcare.cases.views"
    params: tuple[str, ...]

    def path(self, values: dict[str, str]) -> str:
        """The URL with each parameter filled from `values`."""
        text = _ROUTE_PARAM.sub(lambda m: values[m["name"]], self.route)
        text = _REGEX_PARAM.sub(lambda m: values[m["name"]], text)
        return "/" + text.replace("^", "").replace("$", "")


def url_patterns() -> list[Pattern]:
    return list(_walk(get_resolver(), "", ""))


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        text = _text(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + text, inner)
            continue
        assert isinstance(entry, URLPattern)
        route = prefix + text
        names = [m["name"] for m in _ROUTE_PARAM.finditer(route)] + [
            m["name"] for m in _REGEX_PARAM.finditer(route)
        ]
        yield Pattern(
            route=route,
            name=f"{namespace}{entry.name}" if entry.name else route,
            module=getattr(entry.callback, "__module__", ""),
            params=tuple(names),
        )


def _text(pattern: object) -> str:
    if isinstance(pattern, RoutePattern | RegexPattern):
        return str(pattern)  # the route or regex as written
    return str(pattern)
