"""Parameter records built from the registry: one field per row, its value the default.

A model declares which registry rows it uses once (a model prefix, plus rows of other models
it shares); :func:`registry_record` turns them into a frozen dataclass, so an explorer or an
exercise moves any parameter with ``replace(DEFAULTS, name=value)`` and a new registry row
becomes a model parameter without another line of code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, make_dataclass
from types import MappingProxyType

from book.data.parameters import parameters, value
from book.models.validation import check_fields


def registry_record(
    name: str,
    model: str,
    *,
    shared: Mapping[str, str] | None = None,
    exclude: tuple[str, ...] = (),
    positive: tuple[str, ...] = (),
    doc: str = "",
) -> type:
    """A frozen dataclass whose fields are the registry rows ``model.*`` (minus ``exclude``)
    and ``shared`` (field name -> row of another model), each defaulting to its value.

    Every field is checked on creation: ``*_fraction`` fields in [0, 1], the rest >= 0,
    the names in ``positive`` > 0 (:func:`book.models.validation.check_fields`).
    """
    rows = {p.short_name: p.name for p in parameters(model).values() if p.short_name not in exclude}
    rows |= dict(shared or {})
    specs = [(key, float, field(default=value(row))) for key, row in rows.items()]

    def __post_init__(self) -> None:
        check_fields(self, positive)

    namespace = {"__post_init__": __post_init__, "__doc__": doc, "ROWS": MappingProxyType(rows)}
    return make_dataclass(name, specs, frozen=True, namespace=namespace)
