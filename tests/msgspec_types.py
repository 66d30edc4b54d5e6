"""Every msgspec type a handler's annotation reaches: for tests that check a rule over all the API's documents."""
from __future__ import annotations

from collections.abc import Iterator

import msgspec


def reachable_types(annotation) -> Iterator[msgspec.inspect.Type]:
    """The annotation's type infos and all they hold (fields, items, keys, values, union members), each Struct once;
    nothing for what is not a msgspec type (a Response, a dict of form values, a Request)."""
    try:
        stack = list(msgspec.inspect.multi_type_info([annotation]))
    except (TypeError, ValueError):
        return
    seen = set()
    while stack:
        info = stack.pop()
        if isinstance(info, msgspec.inspect.StructType):
            if info.cls in seen:
                continue
            seen.add(info.cls)
            stack += [f.type for f in info.fields]
        yield info
        for attr in ("type", "item_type", "key_type", "value_type"):
            if isinstance(getattr(info, attr, None), msgspec.inspect.Type):
                stack.append(getattr(info, attr))
        stack += list(getattr(info, "types", ()) or ())
