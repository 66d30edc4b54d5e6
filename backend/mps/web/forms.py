"""HTML forms: decode a submitted form into the API's msgspec Struct, keep what was typed, say what is wrong where.

In a page controller:

    state = await read_form(request, ClassIn)          # FormState; state.data is a ClassIn when valid
    if not state.errors and lycee is None:
        state.add_error("lycee", "Aucun lycée ne correspond : essaie le nom de la ville ou le code UAI.")
    if state.errors:
        return Template("classes/index.html", context={"form": state, ...}, status_code=400)

In the template (frontend/templates/_partials/forms.html):

    {% from "_partials/forms.html" import error_summary, input_field %}
    {{ error_summary(form) }}                          {# before the <form>; JS moves focus to it #}
    {{ input_field(form, "label") }}                   {# label/hint/required from the Struct's Meta #}

base.html prefixes the <title> with « Erreur – » whenever `form.errors` is not empty.
Labels, hints and error sentences live on the Struct (see mps/lib/validation.py); fields a form has
beyond the Struct (a free-text lookup such as a town) are declared with
`extra={name: (label, hint)}` or `(label, hint, True)` when required.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mps.lib.validation import FieldInfo, Invalid, bounded_int, convert, field_errors, fields
from mps.web.hostile_input import ID_RANGE


@dataclass
class FormState:
    fields: dict[str, FieldInfo]
    values: dict[str, Any] = field(default_factory=dict)  # as typed: str, or list[str] for repeated names
    errors: dict[str, str] = field(default_factory=dict)  # field name -> French sentence
    data: Any = None  # the decoded Struct when the form is valid
    anchors: dict[str, str] = field(default_factory=dict)  # field -> element id, when it is not the name

    def anchor(self, name: str) -> str:
        """The id the error summary links to: the field's input (or a group's first option)."""
        return self.anchors.get(name, name)

    def value(self, name: str, default: str = "") -> str:
        v = self.values.get(name, default)
        return v[0] if isinstance(v, list) and v else (v if isinstance(v, str) else default)

    def chosen(self, name: str) -> list[str]:
        v = self.values.get(name, [])
        return v if isinstance(v, list) else [v]

    def label(self, name: str) -> str:
        return self.fields[name].label if name in self.fields else name

    def hint(self, name: str) -> str:
        return self.fields[name].hint if name in self.fields else ""

    def required(self, name: str) -> bool:
        return name in self.fields and self.fields[name].required

    def add_error(self, name: str, message: str) -> None:
        """A refusal found after decoding (unknown town, lycée not found); the first one per field stays."""
        self.errors.setdefault(_top(name) if _top(name) in self.fields else name, message)
        self.data = None

    def error_id(self, name: str) -> str:
        return f"{name}-messages"

    @property
    def any_required(self) -> bool:
        return any(f.required for f in self.fields.values())


def _top(path: str) -> str:
    return path.split("[", 1)[0].split(".", 1)[0]


def blank(struct_type: type, values: dict[str, Any] | None = None, extra: dict[str, tuple[str, str]] | None = None,
          ) -> FormState:
    """A form shown for the first time, pre-filled with `values` (e.g. a default year)."""
    infos = dict(fields(struct_type))
    for name, (label, hint, *required) in (extra or {}).items():
        infos[name] = FieldInfo(name, label, hint, None, bool(required and required[0]), False)
    return FormState(fields=infos, values=dict(values or {}))


def state_from(form_data, struct_type: type, extra: dict[str, tuple[str, str]] | None = None,
               only: set[str] | None = None) -> FormState:
    """A submitted form (Litestar FormMultiDict or a dict) -> FormState, decoded into `struct_type`.

    Empty inputs count as not given. `only` limits the Struct fields this form sends (a form step that
    edits part of a document); the others are neither required nor checked."""
    state = blank(struct_type, extra=extra)
    getall = getattr(form_data, "getall", None)
    for name, info in state.fields.items():
        if info.many:
            items = list(getall(name, [])) if getall else list(form_data.get(name) or [])
            state.values[name] = [str(v) for v in items]
        elif name in form_data:
            state.values[name] = str(form_data.get(name) or "")
    wanted = {name: info for name, info in fields(struct_type).items() if only is None or name in only}
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in state.values.items() if k in wanted}
    cleaned = {k: v for k, v in cleaned.items() if v not in ("", None)}
    state.errors = {k: v for k, v in field_errors(cleaned, struct_type).items() if k in wanted}
    if not state.errors and only is None:
        try:
            state.data = convert(cleaned, struct_type)
        except Invalid as exc:
            state.errors[_top(exc.field)] = exc.message
    return state


async def read_form(request, struct_type: type, extra: dict[str, tuple[str, str]] | None = None,
                    only: set[str] | None = None) -> FormState:
    return state_from(await request.form(), struct_type, extra=extra, only=only)



def form_int(value, low: int = 0, high: int = ID_RANGE[1]) -> int | None:
    """A number a form or a query carries, a row id by default: past what the id columns hold, a look-up would
    be a database error, not a « not found »."""
    return bounded_int(value, low, high)
